import Foundation

/// A JSON decoding error said in a line: what was wrong and where, without Swift's type names.
struct JSONProblem: CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        guard let error = error as? DecodingError else {
            description = "\(error)"
            return
        }
        func path(_ context: DecodingError.Context) -> String {
            // An array's position reads "Index N"; an object's key, even a numeric one, reads as itself.
            let keys = context.codingPath.map { key in key.stringValue.hasPrefix("Index ") ? "[\(key.intValue ?? 0)]" : key.stringValue }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
        }
        switch error {
        case .keyNotFound(let key, let context): description = "missing \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): description = "\(context.debugDescription)\(path(context))"
        case .dataCorrupted(let context): description = "not JSON\(path(context)): \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
        @unknown default: description = "\(error)"
        }
    }
}
