import Annotation

/// The feature extractors a run is told to use by name (`--features NAME`), and the one annotation
/// uses by default.
public enum FeatureExtractors {
    /// The extractor annotation clusters on unless told otherwise.
    public static let annotation: any FeatureExtractor = BuiltinFeatureExtractor()

    /// The names `named(_:)` knows.
    public static let names = ["builtin"]

    /// The extractor called `name`.
    /// - Throws: `UsageError` naming the known ones, for a name that is not one.
    public static func named(_ name: String) throws(UsageError) -> any FeatureExtractor {
        switch name {
        case "builtin": return BuiltinFeatureExtractor()
        default: throw UsageError("unknown feature extractor \"\(name)\": the known ones are \(names.joined(separator: ", "))")
        }
    }
}
