import GRDB

/// Reads the rows hanging off an article's figures (graphics, citing paragraphs), grouped by
/// figure position in their stored order, for the readers that assemble articles.
enum FigureRows {
    /// `columns` of every row of `table` for the article `key`, made into values by `make` and
    /// grouped by `figure_position`, each group in `position` order.
    static func grouped<T>(
        _ db: Database, table: String, columns: String, key: StatementArguments, _ make: (Row) -> T
    ) throws -> [Int: [T]] {
        var groups: [Int: [T]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT figure_position, \(columns) FROM \(table) WHERE pmcid = ? AND version = ?
            ORDER BY figure_position, position
            """), arguments: key) {
            groups[row["figure_position"], default: []].append(make(row))
        }
        return groups
    }
}
