import Foundation

/// Lists of strings kept in one TEXT column as a JSON array, the form SQLite's JSON functions read.
enum JSONColumn {
    static func encode(_ values: [String]) -> String {
        guard !values.isEmpty, let data = try? JSONEncoder().encode(values) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [String] {
        guard let text, let values = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return [] }
        return values
    }
}
