import Imaging
import Testing

@Suite("Contact sheets: thumbnails in a grid on white")
struct ContactSheetTests {
    func solid(_ colour: [UInt8], width: Int, height: Int) -> RGBThumbnail {
        RGBThumbnail(width: width, height: height, pixels: Array((0..<(width * height)).map { _ in colour }.joined()))
    }

    @Test("each thumbnail sits centred in its cell, row by row, and the rest is white")
    func layout() throws {
        let red = solid([230, 20, 20], width: 40, height: 20)
        let blue = solid([20, 20, 230], width: 20, height: 40)
        let sheet = ContactSheet(columns: 2, cell: 40, gap: 4)
        let jpeg = try sheet.jpeg(of: [red, blue, red], quality: 95)
        // Decoded at its own longer side: a thumbnail never changes its size then.
        let decoded = try RGBThumbnail(decoding: jpeg, size: 2 * 44 + 4)
        #expect(decoded.width == 2 * 44 + 4 && decoded.height == 2 * 44 + 4)
        func pixel(_ x: Int, _ y: Int) -> [Int] {
            let start = (y * decoded.width + x) * 3
            return decoded.pixels[start..<(start + 3)].map(Int.init)
        }
        func near(_ a: [Int], _ b: [Int]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) <= 12 } }
        #expect(near(pixel(4 + 20, 4 + 20), [230, 20, 20]), "the first cell's centre is red")
        #expect(near(pixel(4 + 20, 4 + 4), [255, 255, 255]), "above a wide thumbnail centred in its cell: white")
        #expect(near(pixel(48 + 20, 4 + 20), [20, 20, 230]), "the second cell's centre is blue")
        #expect(near(pixel(48 + 4, 4 + 20), [255, 255, 255]), "beside a tall thumbnail: white")
        #expect(near(pixel(4 + 20, 48 + 20), [230, 20, 20]), "the third thumbnail starts the second row")
        #expect(near(pixel(48 + 20, 48 + 20), [255, 255, 255]), "the empty fourth cell is white")
    }
}
