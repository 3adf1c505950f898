import ArcoCore
import ArcoEngine
import Foundation

/// The process's arguments as bytes, checked for UTF-8 before anything reads them as text.
///
/// On Linux, `CommandLine.arguments` is built with `String(cString:)`, which replaces invalid
/// UTF-8 with U+FFFD: `arco partitions add d $'a\xff'` and `$'a\xfe'` would both add `a\u{FFFD}`,
/// two different keys colliding. Only the raw `argv` still shows the bytes, so it is read here.
enum RawArguments {
    /// The arguments after the program name, as the kernel passed them.
    static func process() -> [[UInt8]] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
            let length = strlen(pointer)
            return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                Array(UnsafeBufferPointer(start: $0, count: length))
            }
        }
    }

    /// The error for the first argument that is not valid UTF-8, if any.
    static func invalidUTF8Error(_ arguments: [[UInt8]]) -> OperatorError? {
        for (index, bytes) in arguments.enumerated() {
            guard let position = StrictUTF8.firstInvalid(in: bytes) else { continue }
            return OperatorError(
                .dataError,
                "argument \(index + 1) '\(escaped(bytes))' is not valid UTF-8 (byte \(position.offset))",
                hint: "pass names and partition keys as UTF-8 text, e.g. `arco partitions add DEF $'caf\\xc3\\xa9'`")
        }
        return nil
    }

    /// The bytes with anything outside printable ASCII written as `\xHH`.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            (0x20..<0x7F).contains(byte)
                ? String(UnicodeScalar(byte))
                : "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
    }
}
