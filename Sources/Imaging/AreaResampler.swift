import CAreaResample

/// Scales RGB pixels by exact area averaging, as OpenCV's INTER_AREA does when shrinking: each
/// output pixel is the mean of the part of the image it covers, a source pixel cut by an output
/// edge counting for the fraction inside. The loops are C (`CAreaResample`), which the compiler
/// vectorizes; the same loops in Swift ran at a third of the speed.
///
/// Why fractions: giving each source pixel wholly to one output pixel makes outputs average 2 or
/// 3 pixels in turn, so a copy cropped by a few pixels averages other groups and its perceptual
/// hash moves; the labelled set of `NearDuplicateTests` lost a tenth of its cropped copies so.
enum AreaResampler {
    /// `pixels` (`width` x `height`, three bytes a pixel) scaled to `newWidth` x `newHeight`.
    static func resample(_ pixels: UnsafeRawBufferPointer, width: Int, height: Int, newWidth: Int, newHeight: Int) -> [UInt8] {
        precondition(pixels.count >= width * height * 3 && newWidth > 0 && newHeight > 0, "the pixels must hold width * height RGB triples")
        return [UInt8](unsafeUninitializedCapacity: newWidth * newHeight * 3) { output, count in
            let status = bm_area_resample(pixels.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(width), Int32(height),
                                          output.baseAddress, Int32(newWidth), Int32(newHeight))
            // Only the intermediate rows are allocated: at most the image's size in floats, already held as bytes.
            precondition(status == 0, "out of memory resampling a \(width) x \(height) image")
            count = output.count
        }
    }
}
