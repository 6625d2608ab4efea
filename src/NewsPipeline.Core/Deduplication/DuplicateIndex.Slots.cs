using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Core.Deduplication;

/// <summary>Slot storage: the ring of per-article arrays, growth, eviction and story bookkeeping.</summary>
public sealed partial class DuplicateIndex
{
    private readonly Dictionary<string, uint> _departedByStory = new(StringComparer.Ordinal);

    /// <summary>Frees one ring position before deciding, so the decision never points at an article about to be evicted.</summary>
    private void MakeRoom()
    {
        if (_used < _capacity)
            return;
        if (_capacity < _options.MaxCount)
            Allocate((int)Math.Min((long)_capacity * 2, _options.MaxCount));
        else
            EvictOldest();
    }

    private int Insert(string articleId, string fileName, ulong exactKey, byte[] minhash, ushort shingles, DateTimeOffset at)
    {
        MakeRoom();
        var slot = (_tail + _used) % _capacity;
        _used++;
        _live++;
        minhash.CopyTo(_minhash, slot * H);
        _shingles[slot] = shingles;
        _exactKey[slot] = exactKey;
        if (!TryWriteHexId(articleId, _id.AsSpan(slot * 32, 32)))
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(articleId), _id.AsSpan(slot * 32, 32));
            _oddIds[slot] = articleId;
        }
        (_namePosition[slot], _nameLength[slot]) = _names.Add(fileName);
        _serial[slot] = _nextSerial++;
        _seconds[slot] = (uint)Math.Clamp(at.ToUnixTimeSeconds(), 0, uint.MaxValue);
        for (var b = 0; b < _bands.Length; b++)
            _bands[b].Add(BandKey(slot, b), slot);
        _exact.Add(exactKey, slot);
        _ids.Add(IdKey(slot), slot);
        return slot;
    }

    private void StartStory(int slot)
    {
        _storyKey[slot] = _serial[slot];
        _headSlot[slot] = slot;
        _storySize[slot] = 1;
    }

    private void JoinStory(int slot, uint storyKey, int headSlot)
    {
        _storyKey[slot] = storyKey;
        _headSlot[slot] = headSlot;
        _storySize[slot] = 0;
        if (headSlot >= 0 && _serial[headSlot] == storyKey)
            _storySize[headSlot]++;
        else
            _departed[storyKey].Remaining++;
    }

    /// <summary>The slot of the story's first member, or -1 when it has left the index.</summary>
    private int HeadOf(int slot)
    {
        var head = _headSlot[slot];
        return head >= 0 && _serial[head] == _storyKey[slot] ? head : -1;
    }

    private void Release(int slot)
    {
        for (var b = 0; b < _bands.Length; b++)
            _bands[b].Remove(BandKey(slot, b), slot);
        _exact.Remove(_exactKey[slot], slot);
        _ids.Remove(IdKey(slot), slot);

        var key = _storyKey[slot];
        if (key == _serial[slot])
        {
            // The first member leaves while copies stay: they keep pointing at it by id.
            if (_storySize[slot] > 1)
            {
                var storyId = IdOf(slot);
                _departed[key] = new DepartedHead(storyId, FileNameOf(slot)) { Remaining = _storySize[slot] - 1 };
                _departedByStory[storyId] = key;
            }
        }
        else if (HeadOf(slot) is var head and >= 0)
        {
            _storySize[head]--;
        }
        else if (_departed.TryGetValue(key, out var departed) && --departed.Remaining == 0)
        {
            _departed.Remove(key);
            _departedByStory.Remove(departed.ArticleId);
        }

        _serial[slot] = 0;
        _names.Release(_namePosition[slot]);
        _oddIds.Remove(slot);
        _live--;
    }

    private uint? FindDepartedKey(string storyId) => _departedByStory.TryGetValue(storyId, out var key) ? key : null;

    private uint NewDeparted(string storyId)
    {
        var key = _nextSerial++;
        _departed[key] = new DepartedHead(storyId, null);
        _departedByStory[storyId] = key;
        return key;
    }

    private void EvictOldest()
    {
        SkipDeadTail();
        if (_used > 0)
            Release(_tail);
        SkipDeadTail();
    }

    private void EvictOlderThan(DateTimeOffset now)
    {
        if (_options.MaxAge <= TimeSpan.Zero)
            return;
        var cutoff = (now - _options.MaxAge).ToUnixTimeSeconds();
        SkipDeadTail();
        while (_used > 0 && _seconds[_tail] < cutoff)
            EvictOldest();
    }

    private void SkipDeadTail()
    {
        while (_used > 0 && _serial[_tail] == 0)
        {
            _tail = (_tail + 1) % _capacity;
            _used--;
        }
    }

    /// <summary>New arrays with the ring laid out from slot 0 (slot numbers change), then the tables rebuilt.</summary>
    private void Allocate(int capacity)
    {
        var old = _capacity;
        int Map(int slot) => (slot - _tail + old) % old;

        _minhash = Relayout(_minhash, capacity, H);
        _shingles = Relayout(_shingles, capacity, 1);
        _exactKey = Relayout(_exactKey, capacity, 1);
        _id = Relayout(_id, capacity, 32);
        _namePosition = Relayout(_namePosition, capacity, 1);
        _nameLength = Relayout(_nameLength, capacity, 1);
        _serial = Relayout(_serial, capacity, 1);
        _storyKey = Relayout(_storyKey, capacity, 1);
        _headSlot = Relayout(_headSlot, capacity, 1);
        _storySize = Relayout(_storySize, capacity, 1);
        _seconds = Relayout(_seconds, capacity, 1);
        for (var i = 0; i < _used; i++)
        {
            if (_headSlot[i] >= 0)
                _headSlot[i] = Map(_headSlot[i]);
        }
        if (_oddIds.Count > 0)
        {
            var moved = _oddIds.ToDictionary(p => Map(p.Key), p => p.Value);
            _oddIds.Clear();
            foreach (var (slot, id) in moved)
                _oddIds[slot] = id;
        }
        _capacity = capacity;
        _tail = 0;

        foreach (var table in _bands)
            table.Clear(capacity);
        _exact.Clear(capacity);
        _ids.Clear(capacity);
        for (var slot = 0; slot < _used; slot++)
        {
            if (_serial[slot] == 0)
                continue;
            for (var b = 0; b < _bands.Length; b++)
                _bands[b].Add(BandKey(slot, b), slot);
            _exact.Add(_exactKey[slot], slot);
            _ids.Add(IdKey(slot), slot);
        }
    }

    private T[] Relayout<T>(T[] source, int capacity, int width)
    {
        var target = new T[(long)capacity * width];
        for (var i = 0; i < _used; i++)
        {
            var from = (_tail + i) % _capacity;
            Array.Copy(source, (long)from * width, target, (long)i * width, width);
        }
        return target;
    }

    private string FileNameOf(int slot) => _names.Get(_namePosition[slot], _nameLength[slot]);

    private ulong IdKey(int slot) => IdKey(_id.AsSpan(slot * 32, 32));

    /// <summary>All 32 bytes folded: ids need not vary in any particular part.</summary>
    private static ulong IdKey(ReadOnlySpan<byte> id) =>
        BinaryPrimitives.ReadUInt64LittleEndian(id) ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(id[8..]), 17)
        ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(id[16..]), 31) ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(id[24..]), 47);

    private string IdOf(int slot) =>
        _oddIds.TryGetValue(slot, out var odd) ? odd : Convert.ToHexStringLower(_id.AsSpan(slot * 32, 32));

    private int FindId(string articleId)
    {
        Span<byte> id = stackalloc byte[32];
        if (!TryWriteHexId(articleId, id))
            SHA256.HashData(Encoding.UTF8.GetBytes(articleId), id);
        _found.Clear();
        _ids.Find(IdKey(id), _found);
        foreach (var slot in _found)
        {
            if (_serial[slot] != 0 && _id.AsSpan(slot * 32, 32).SequenceEqual(id)
                && (!_oddIds.TryGetValue(slot, out var odd) || odd == articleId))
                return slot;
        }
        return -1;
    }

    /// <summary>A content-hash ArticleId (64 lower-case hex digits) is kept as its 32 bytes.</summary>
    private static bool TryWriteHexId(string articleId, Span<byte> target)
    {
        if (articleId.Length != 64)
            return false;
        foreach (var c in articleId)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
                return false;
        }
        Convert.FromHexString(articleId, target, out _, out _);
        return true;
    }
}
