/// Facts about PMC's public Open Access bucket.
public enum PMCOpenData {
    /// The bucket's name.
    public static let bucket = "pmc-oa-opendata"
    /// The AWS region it lives in.
    public static let region = "us-east-1"
}
