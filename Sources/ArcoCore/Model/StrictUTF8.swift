/// Strict UTF-8 decoding for text arco reads from outside: `arco.yaml` and command-line
/// arguments.
///
/// Swift's lenient decoding (`String(decoding:as:)`, `String(cString:)`) replaces each invalid
/// sequence with U+FFFD, so `a\xff` and `a\xfe` would become the same partition key or the
/// same command. arco refuses such input instead of guessing.
public enum StrictUTF8 {
    /// Where the first invalid sequence starts: its byte offset, and its line and column
    /// (1-based; columns count characters as scalars, like the YAML reader's).
    public struct Position: Sendable, Hashable {
        public var offset: Int
        public var line: Int
        public var column: Int
    }

    /// The bytes as a string, or nil when they are not valid UTF-8.
    public static func decode(_ bytes: some Collection<UInt8>) -> String? {
        firstInvalid(in: bytes) == nil ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// The position of the first invalid sequence, or nil when every byte decodes.
    public static func firstInvalid(in bytes: some Collection<UInt8>) -> Position? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = Position(offset: 0, line: 1, column: 1)
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    position.line += 1
                    position.column = 1
                } else {
                    position.column += 1
                }
                position.offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                return position
            }
        }
    }
}
