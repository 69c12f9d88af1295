/// The rows a model is fitted on: at most a given number drawn at random, with a seed, from every
/// row of one or many feature files, read a batch at a time so that the files never need to fit
/// in memory together.
public enum TrainingSample {
    /// Rows read from a file at once.
    static let batchRows = 65_536

    /// `count` distinct indices of `0..<total` chosen uniformly with `seed`, ascending (Floyd's
    /// algorithm: memory for the chosen indices only, whatever `total` is). All of them when
    /// `count >= total`.
    public static func indices(choosing count: Int, of total: Int, seed: Int) -> [Int] {
        guard count < total else { return Array(0..<total) }
        var generator = SeededGenerator(seed: seed)
        var chosen = Set<Int>(minimumCapacity: count)
        for limit in (total - count)..<total {
            let pick = Int.random(in: 0...limit, using: &generator)
            chosen.insert(chosen.contains(pick) ? limit : pick)
        }
        return chosen.sorted()
    }

    /// At most `rows` rows of `matrix`, drawn with `seed`, in their original order.
    public static func draw(from matrix: FeatureMatrix, rows: Int, seed: Int) -> FeatureMatrix {
        guard matrix.rows > rows else { return matrix }
        return matrix.rows(indices(choosing: rows, of: matrix.rows, seed: seed))
    }

    /// At most `rows` rows of the float32 matrices in `files` taken as one (in file order), drawn
    /// with `seed`, in their original order. The files must have as many columns.
    public static func draw(from files: [String], rows: Int, seed: Int) throws(AnnotationError) -> FeatureMatrix {
        let headers = try files.map { path throws(AnnotationError) in try NPYFile.header(of: path) }
        guard let columns = headers.first?.columns else { throw .invalidSettings("no feature files to train on") }
        for (path, header) in zip(files, headers) where header.columns != columns {
            throw .unreadable(file: path, reason: "has rows of \(header.columns) values, \(files[0]) of \(columns)")
        }
        let total = headers.reduce(0) { $0 + $1.rows }
        var wanted = indices(choosing: rows, of: total, seed: seed)[...]
        var training = FeatureMatrix(columns: columns, values: [])
        var offset = 0
        for (path, header) in zip(files, headers) {
            var start = 0
            while start < header.rows, let next = wanted.first, next < offset + header.rows {
                let batch = start..<min(header.rows, start + batchRows)
                var picked: [Int] = []
                while let index = wanted.first, index < offset + batch.upperBound {
                    picked.append(index - offset - batch.lowerBound)
                    wanted.removeFirst()
                }
                if !picked.isEmpty {
                    training.append(try NPYFile.readRows(path, header: header, rows: batch).rows(picked))
                }
                start = batch.upperBound
            }
            offset += header.rows
        }
        return training
    }
}
