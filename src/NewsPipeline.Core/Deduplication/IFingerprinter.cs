namespace NewsPipeline.Core.Deduplication;

public interface IFingerprinter
{
    Fingerprint Compute(string body);
}
