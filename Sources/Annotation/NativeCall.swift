/// Calls a function of our C++ modules (`cfaiss_*`, `ckmeans_*`) with room for its error message,
/// and turns a failure into an `AnnotationError` naming the operation.
enum NativeCall {
    static func run(
        _ operation: String, _ call: (UnsafeMutablePointer<CChar>, Int) -> Int32
    ) throws(AnnotationError) {
        var message = [CChar](repeating: 0, count: 1024)
        let status = message.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) }
        guard status == 0 else {
            throw .native(operation: operation, message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }
}
