using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// Exact + near-duplicate index with story grouping, laid out for ten million articles in a few GiB: per-article data
/// lives in parallel arrays indexed by slot (no object per article), the near-duplicate lookup is MinHash-LSH
/// (<see cref="MinHashScheme.Bands"/> bands of <see cref="MinHashScheme.Rows"/> values) over 8-bit minhash values,
/// and every hash table is an open-addressing table of 4-byte slot references (<see cref="SlotTable"/>).
/// Slots form a ring in arrival order, so the window (count and age) forgets the oldest first.
/// Not thread-safe by design: it lives at the pipeline's single serialisation point.
/// </summary>
public sealed partial class DuplicateIndex : IDuplicateIndex
{
    private const int H = MinHashScheme.HashCount;
    private const int InitialCapacity = 1024;

    private readonly DedupOptions _options;
    private readonly TimeProvider _time;

    // Per-slot data (the slot number is the index). _serial[slot] == 0 marks a free or removed slot.
    private byte[] _minhash = [];        // H bytes per slot: b-bit (8) minhash values
    private ushort[] _shingles = [];     // shingle count, clamped, for the containment estimate
    private ulong[] _exactKey = [];      // first 64 bits of the body hash
    private byte[] _id = [];             // 32 bytes per slot: the ArticleId (a SHA-256 hex) in binary
    private uint[] _namePosition = [];   // file name: where its UTF-8 bytes are in _names
    private int[] _nameLength = [];
    private uint[] _serial = [];         // arrival number, unique per article ever indexed (0 = empty)
    private uint[] _storyKey = [];       // serial of the story's first member
    private int[] _headSlot = [];        // slot of the story's first member while it is indexed
    private int[] _storySize = [];       // on a story's first member: how many members are indexed
    private uint[] _seconds = [];        // when indexed, seconds since the Unix epoch (age window)

    private readonly SlotTable[] _bands = new SlotTable[MinHashScheme.Bands];
    private readonly SlotTable _exact;
    private readonly SlotTable _ids;
    private readonly NameArena _names = new();

    // ArticleIds that are not 64-hex (tests, hand-made ids) are kept as strings; real ones are content hashes.
    private readonly Dictionary<int, string> _oddIds = [];

    // Stories whose first member left the index while later members are still indexed.
    private readonly Dictionary<uint, DepartedHead> _departed = [];

    private int _capacity;
    private int _tail;      // oldest ring position
    private int _used;      // ring positions in use from the tail, removed ones included
    private int _live;
    private uint _nextSerial = 1;

    private readonly HashSet<int> _candidates = [];
    private readonly List<int> _found = [];

    public DuplicateIndex() : this(new DedupOptions(), TimeProvider.System)
    {
    }

    public DuplicateIndex(DedupOptions options, TimeProvider time)
    {
        if (options.Validate().FirstOrDefault() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        _options = options;
        _time = time;
        for (var b = 0; b < _bands.Length; b++)
        {
            var band = b;
            _bands[b] = new SlotTable(slot => BandKey(slot, band));
        }
        _exact = new SlotTable(slot => _exactKey[slot]);
        _ids = new SlotTable(IdKey);
        Allocate(Math.Min(InitialCapacity, options.MaxCount));
    }

    public int Count => _live;

    /// <summary>Bytes held by the per-slot arrays, the hash tables and the file-name arena.</summary>
    public long ApproximateBytes =>
        (long)_capacity * (H + sizeof(ushort) + sizeof(ulong) + 32 + 7 * sizeof(uint))
        + _bands.Sum(t => t.Bytes) + _exact.Bytes + _ids.Bytes + _names.Bytes;

    /// <summary>Bytes of the file-name arena alone (part of <see cref="ApproximateBytes"/>).</summary>
    public long FileNameBytes => _names.Bytes;

    /// <summary>
    /// Sizes the arrays and tables for <paramref name="articles"/> (at most <see cref="DedupOptions.MaxCount"/>) at once,
    /// e.g. before a rebuild from the store: growing by doubling rebuilds every table ~log2(n) times and briefly holds
    /// the old and new arrays together.
    /// </summary>
    public void Reserve(int articles)
    {
        var target = Math.Min(articles, _options.MaxCount);
        if (target > _capacity)
            Allocate(target);
    }

    public IReadOnlyList<NearCandidate> Candidates(Fingerprint fingerprint)
    {
        if (!_options.Verify || FindExact(Key64(fingerprint.BodyHash)) >= 0)
            return [];
        var (minhash, shingles) = Compact(fingerprint);
        if (minhash is null)
            return [];
        CollectCandidates(minhash);
        List<NearCandidate>? found = null;
        foreach (var slot in _candidates)
        {
            var (jaccard, containment) = Estimate(minhash, shingles, slot);
            var strict = Passes(jaccard, containment) && StoryAgrees(minhash, shingles, slot);
            if (strict || jaccard >= _options.CandidateJaccard || containment >= _options.CandidateContainment)
                (found ??= []).Add(new NearCandidate(IdOf(slot), Math.Round(jaccard, 4), Math.Round(containment, 4), strict));
        }
        if (found is null)
            return [];
        return found.OrderByDescending(c => c.Strict).ThenByDescending(c => c.Strict ? c.Jaccard : c.Containment)
            .ThenBy(c => c.ArticleId, StringComparer.Ordinal).Take(_options.MaxVerified).ToList();
    }

    public DedupDecision DecideAndAdd(string articleId, string fileName, Fingerprint fingerprint, CandidateVerdict? verdict = null)
    {
        verdict ??= CandidateVerdict.None;
        var now = _time.GetUtcNow();
        EvictOlderThan(now);
        // A retried decision (the store write failed after the index took the article) is decided again, afresh.
        Remove(articleId);
        MakeRoom();

        var exactKey = Key64(fingerprint.BodyHash);
        var (compact, shingles) = Compact(fingerprint);
        var minhash = compact ?? new byte[H];

        var decision = FindExact(exactKey) is var exact and >= 0
            ? Decision(exact, 1.0, "exact", "exact-key")
            : compact is not null && FindNear(minhash, shingles, verdict.Vetoed) is { Slot: >= 0 } near
                ? Decision(near.Slot, near.Similarity, near.Method, near.Signal)
                : verdict.Verified is { } verified && FindId(verified.ArticleId) is var candidate and >= 0
                    ? Decision(candidate, verified.Similarity, "contained", verified.Signal)
                    : null;

        var slot = Insert(articleId, fileName, exactKey, minhash, shingles, now);
        if (decision is null)
        {
            StartStory(slot);
            return DedupDecision.Original(articleId);
        }
        JoinStory(slot, decision.Value.StoryKey, decision.Value.HeadSlot);
        return decision.Value.Result;
    }

    public void Add(DedupEntry entry)
    {
        EvictOlderThan(_time.GetUtcNow());
        if (FindId(entry.ArticleId) >= 0)
            return;
        var minhash = new byte[H];
        var hashes = MinHashScheme.MinHashes(entry.Signature);
        for (var i = 0; i < hashes.Length; i++)
            minhash[i] = MinHashScheme.Low8(hashes[i]);
        var slot = Insert(entry.ArticleId, entry.FileName, Key64(entry.BodyHash), minhash,
            ClampShingles(MinHashScheme.ShingleCount(entry.Signature)), entry.IndexedAt);
        if (entry.StoryId == entry.ArticleId)
        {
            StartStory(slot);
            return;
        }
        var head = FindId(entry.StoryId);
        if (head >= 0)
        {
            JoinStory(slot, _storyKey[head], _headSlot[head]);
            return;
        }
        // The first member is gone (window or removal): the story lives on under its id.
        var key = FindDepartedKey(entry.StoryId) ?? NewDeparted(entry.StoryId);
        JoinStory(slot, key, -1);
    }

    public bool Remove(string articleId)
    {
        var slot = FindId(articleId);
        if (slot < 0)
            return false;
        Release(slot);
        SkipDeadTail();
        return true;
    }

    private readonly record struct Match(uint StoryKey, int HeadSlot, DedupDecision Result);

    private Match? Decision(int matched, double similarity, string method, string signal)
    {
        var key = _storyKey[matched];
        var head = HeadOf(matched);
        string storyId;
        string? headFile;
        if (head >= 0)
        {
            storyId = IdOf(head);
            headFile = FileNameOf(head);
        }
        else
        {
            var departed = _departed[key];
            storyId = departed.ArticleId;
            headFile = departed.FileName;
        }
        return new Match(key, head, new DedupDecision(storyId, headFile, storyId, Math.Round(similarity, 4), method, signal));
    }

    private int FindExact(ulong key)
    {
        _found.Clear();
        _exact.Find(key, _found);
        foreach (var slot in _found)
        {
            if (_exactKey[slot] == key)
                return slot;
        }
        return -1;
    }

    /// <summary>The 8-bit minhash values and the clamped shingle count of a signature; null values for a malformed one.</summary>
    private static (byte[]? Minhash, ushort Shingles) Compact(Fingerprint fingerprint)
    {
        var hashes = MinHashScheme.MinHashes(fingerprint.Signature);
        var shingles = ClampShingles(MinHashScheme.ShingleCount(fingerprint.Signature));
        if (hashes.Length != H)
            return (null, shingles);
        var minhash = new byte[H];
        for (var i = 0; i < hashes.Length; i++)
            minhash[i] = MinHashScheme.Low8(hashes[i]);
        return (minhash, shingles);
    }

    private void CollectCandidates(byte[] minhash)
    {
        _candidates.Clear();
        for (var b = 0; b < _bands.Length; b++)
        {
            var key = BandKey(minhash, b);
            _found.Clear();
            _bands[b].Find(key, _found);
            foreach (var slot in _found)
            {
                if (BandKey(slot, b) == key)
                    _candidates.Add(slot);
            }
        }
    }

    /// <summary>
    /// LSH candidates, verified by the estimated Jaccard ("near") or containment ("contained"); the most similar by
    /// Jaccard wins.
    /// </summary>
    private (int Slot, double Similarity, string Method, string Signal) FindNear(byte[] minhash, int shingles, IReadOnlyCollection<string> vetoed)
    {
        CollectCandidates(minhash);
        if (vetoed.Count > 0)
            _candidates.RemoveWhere(slot => vetoed.Contains(IdOf(slot)));
        var best = (Slot: -1, Jaccard: 0.0, Containment: 0.0);
        foreach (var slot in _candidates)
        {
            var (jaccard, containment) = Estimate(minhash, shingles, slot);
            if (Passes(jaccard, containment) && (best.Slot < 0 || jaccard > best.Jaccard) && StoryAgrees(minhash, shingles, slot))
                best = (slot, jaccard, containment);
        }
        if (best.Slot < 0)
            return (-1, 0, "", "");
        return best.Jaccard >= _options.MinJaccard
            ? (best.Slot, best.Jaccard, "near", "jaccard")
            : (best.Slot, best.Containment, "contained", "containment");
    }

    // Stories are checked against their first member too, so a chain of templated items (the same weekly report with
    // new numbers) cannot drift into one story one small step at a time.
    private bool StoryAgrees(byte[] minhash, int shingles, int slot)
    {
        var head = HeadOf(slot);
        if (head < 0 || head == slot)
            return true;
        var (jaccard, containment) = Estimate(minhash, shingles, head);
        return Passes(jaccard, containment);
    }

    private bool Passes(double jaccard, double containment) =>
        jaccard >= _options.MinJaccard || containment >= _options.MinContainment;

    /// <summary>Estimated Jaccard, and estimated containment (0 when the smaller article is too short for it to count).</summary>
    private (double Jaccard, double Containment) Estimate(byte[] minhash, int shingles, int slot)
    {
        var jaccard = EstimateJaccard(minhash, slot);
        var smaller = Math.Min(shingles, _shingles[slot]);
        var containment = smaller >= _options.MinContainmentShingles
            ? Math.Min(1, jaccard * (shingles + _shingles[slot]) / (1 + jaccard) / smaller)
            : 0;
        return (jaccard, containment);
    }

    /// <summary>b-bit MinHash estimate (Li &amp; König): equal 8-bit values, corrected for chance collisions (1/256).</summary>
    private double EstimateJaccard(byte[] minhash, int slot)
    {
        var other = _minhash.AsSpan(slot * H, H);
        var equal = 0;
        for (var i = 0; i < H; i += Vector128<byte>.Count)
        {
            var eq = Vector128.Equals(Vector128.Create(minhash.AsSpan(i)), Vector128.Create(other[i..]));
            equal += System.Numerics.BitOperations.PopCount(eq.ExtractMostSignificantBits());
        }
        const double chance = 1.0 / 256;
        return Math.Max(0, ((double)equal / H - chance) / (1 - chance));
    }

    private static ushort ClampShingles(int count) => (ushort)Math.Min(count, ushort.MaxValue);

    private ulong BandKey(int slot, int band) => BandKey(_minhash.AsSpan(slot * H, H), band);

    private static ulong BandKey(ReadOnlySpan<byte> minhash, int band) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(minhash.Slice(band * MinHashScheme.Rows, 4)) & RowMask) | (ulong)band << 32;

    // The band's Rows bytes of the 4 read (the last band reads one byte past its rows, still inside the 128 values).
    private const uint RowMask = MinHashScheme.Rows == 4 ? uint.MaxValue : (1u << (8 * MinHashScheme.Rows)) - 1;

    /// <summary>64 bits from the whole body hash string: no assumption about which of its characters vary.</summary>
    private static ulong Key64(string hash)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in hash)
            h = (h ^ c) * 0x100000001B3UL;
        return Fingerprinter.Mix(h);
    }

    private sealed record DepartedHead(string ArticleId, string? FileName)
    {
        public int Remaining { get; set; }
    }
}
