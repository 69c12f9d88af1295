/// A grid of thumbnails on white, encoded as one JPEG: how an expert takes in a cluster of
/// images at a glance before labelling it.
public struct ContactSheet: Sendable {
    /// Thumbnails per row.
    public var columns: Int
    /// The side of each square cell, in pixels; a thumbnail is centred in its cell.
    public var cell: Int
    /// White pixels between cells and around the grid.
    public var gap: Int

    /// A sheet of `columns` cells a row, each `cell` pixels square.
    public init(columns: Int = 6, cell: Int = 128, gap: Int = 4) {
        precondition(columns > 0 && cell > 0 && gap >= 0, "a contact sheet needs columns and cells")
        self.columns = columns
        self.cell = cell
        self.gap = gap
    }

    /// The JPEG of `thumbnails` laid out row by row; a thumbnail larger than a cell is cut to it.
    public func jpeg(of thumbnails: [RGBThumbnail], quality: Int = 85) throws(ImageError) -> [UInt8] {
        let rows = max(1, (thumbnails.count + columns - 1) / columns)
        let usedColumns = max(1, min(columns, thumbnails.count))
        let width = usedColumns * (cell + gap) + gap
        let height = rows * (cell + gap) + gap
        var canvas = [UInt8](repeating: 255, count: width * height * 3)
        for (index, thumbnail) in thumbnails.enumerated() {
            let left = gap + (index % columns) * (cell + gap) + max(0, (cell - thumbnail.width) / 2)
            let top = gap + (index / columns) * (cell + gap) + max(0, (cell - thumbnail.height) / 2)
            let rowBytes = min(thumbnail.width, cell) * 3
            for y in 0..<min(thumbnail.height, cell) {
                let from = y * thumbnail.width * 3
                let to = ((top + y) * width + left) * 3
                canvas.replaceSubrange(to..<(to + rowBytes), with: thumbnail.pixels[from..<(from + rowBytes)])
            }
        }
        return try RGBThumbnail(width: width, height: height, pixels: canvas).jpeg(quality: quality)
    }
}
