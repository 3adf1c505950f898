import Foundation
import NIOCore
import PostgresNIO

/// Converts between `SQLValue` and PostgreSQL's binary wire format.
///
/// Arguments go out typed (int8, float8, text, bytea) so the server never guesses; NULL goes
/// out untyped and takes the column's type. Results arrive in binary (PostgresNIO always asks for
/// binary rows) and are read by the column's type, which is cheaper than parsing text.
enum PostgresValueCoding {
    static func bind(_ value: SQLValue, into bindings: inout PostgresBindings) {
        switch value {
        case .null: bindings.appendNull()
        case .integer(let v): bindings.append(v)
        case .real(let v): bindings.append(v)
        case .text(let v): bindings.append(v)
        case .blob(let v): bindings.append(ByteBuffer(bytes: v))
        }
    }

    /// The type an argument is bound as; NULL has none (the server infers it).
    enum ParameterType: String {
        case int8, float8, text, bytea
    }

    static func parameterType(of value: SQLValue) -> ParameterType? {
        switch value {
        case .null: nil
        case .integer: .int8
        case .real: .float8
        case .text: .text
        case .blob: .bytea
        }
    }

    /// `value` in the form PostgresNIO's named statements take: the binary encoding `bind`
    /// gives it (big-endian int8 and float8 bits, UTF-8 text, raw bytes).
    static func data(of value: SQLValue) -> PostgresData {
        var buffer = ByteBuffer()
        switch value {
        case .null: return PostgresData(type: .null)
        case .integer(let v): buffer.writeInteger(v)
        case .real(let v): buffer.writeInteger(v.bitPattern)
        case .text(let v): buffer.writeString(v)
        case .blob(let v): buffer.writeBytes(v)
        }
        let type: PostgresDataType =
            switch value {
            case .integer: .int8
            case .real: .float8
            case .blob: .bytea
            default: .text
            }
        return PostgresData(type: type, value: buffer)
    }

    /// The cell as one of the four storage classes; a type outside them throws, naming the
    /// column, since the schema and the code then disagree.
    static func value(of cell: PostgresCell, sql: String) throws(StoreError) -> SQLValue {
        guard var buffer = cell.bytes else { return .null }
        let decoded: SQLValue?
        switch cell.dataType {
        case .int8: decoded = buffer.readableBytes == 8 ? buffer.readInteger(as: Int64.self).map { .integer($0) } : nil
        case .int4: decoded = buffer.readableBytes == 4 ? buffer.readInteger(as: Int32.self).map { .integer(Int64($0)) } : nil
        case .int2: decoded = buffer.readableBytes == 2 ? buffer.readInteger(as: Int16.self).map { .integer(Int64($0)) } : nil
        case .oid: decoded = buffer.readableBytes == 4 ? buffer.readInteger(as: UInt32.self).map { .integer(Int64($0)) } : nil
        case .float8:
            decoded = buffer.readableBytes == 8 ? buffer.readInteger(as: UInt64.self).map { .real(Double(bitPattern: $0)) } : nil
        case .float4:
            decoded = buffer.readableBytes == 4 ? buffer.readInteger(as: UInt32.self).map { .real(Double(Float(bitPattern: $0))) } : nil
        case .numeric:
            // Rows always arrive binary, but a named statement's cells keep the text format its
            // Describe reported (PostgresNIO's `prepare`), and `decode` trusts the label.
            var binary = cell
            binary.format = .binary
            decoded = (try? binary.decode(Decimal.self)).map { .real(NSDecimalNumber(decimal: $0).doubleValue) }
        case .bool: decoded = buffer.readableBytes == 1 ? buffer.readInteger(as: UInt8.self).map { .integer($0 == 0 ? 0 : 1) } : nil
        case .text, .varchar, .name, .bpchar, .json, .char, .unknown: decoded = .text(buffer.readString(length: buffer.readableBytes) ?? "")
        case .jsonb:
            // Binary jsonb is a version byte (1) and the JSON text.
            decoded = buffer.readInteger(as: UInt8.self) == 1 ? .text(buffer.readString(length: buffer.readableBytes) ?? "") : nil
        case .bytea: decoded = .blob(Data(buffer.readableBytesView))
        default: decoded = nil
        }
        guard let decoded else {
            throw .postgres(
                sqlState: PostgresSQLState.featureNotSupported,
                message: "column \(cell.columnIndex) ('\(cell.columnName)') has type \(cell.dataType), which arco does not read",
                sql: sql)
        }
        return decoded
    }
}
