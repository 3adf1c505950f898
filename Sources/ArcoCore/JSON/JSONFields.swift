/// Why a stored payload could not be decoded into its typed event.
public struct PayloadDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The member that was missing or of the wrong type.
    public var field: String
    /// What was expected.
    public var expected: String
    public var description: String { "payload member '\(field)': expected \(expected)" }
}

/// Typed access to the members of a JSON object, throwing a decoding error that names the member.
///
/// Payload decoders use this instead of `Codable`: `JSONDecoder` is the rebuild bottleneck on Linux.
public struct JSONFields: Sendable {
    /// The object being read.
    public let members: [String: JSONValue]

    /// Wraps an object, or throws when the value is not one.
    public init(_ value: JSONValue) throws(PayloadDecodingError) {
        guard let members = value.objectValue else {
            throw PayloadDecodingError(field: "payload", expected: "an object")
        }
        self.members = members
    }

    /// A required string.
    public func string(_ name: String) throws(PayloadDecodingError) -> String {
        guard let value = members[name]?.stringValue else {
            throw PayloadDecodingError(field: name, expected: "a string")
        }
        return value
    }

    /// An optional string: absent and `null` both read as `nil`.
    public func optionalString(_ name: String) throws(PayloadDecodingError) -> String? {
        guard let value = members[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw PayloadDecodingError(field: name, expected: "a string or null")
        }
        return text
    }

    /// A required integer.
    public func int(_ name: String) throws(PayloadDecodingError) -> Int64 {
        guard let value = members[name]?.intValue else {
            throw PayloadDecodingError(field: name, expected: "an integer")
        }
        return value
    }

    /// An optional integer.
    public func optionalInt(_ name: String) throws(PayloadDecodingError) -> Int64? {
        guard let value = members[name], !value.isNull else { return nil }
        guard let number = value.intValue else {
            throw PayloadDecodingError(field: name, expected: "an integer or null")
        }
        return number
    }

    /// A required Boolean; `defaultValue` when absent.
    public func bool(_ name: String, default defaultValue: Bool) throws(PayloadDecodingError) -> Bool {
        guard let value = members[name], !value.isNull else { return defaultValue }
        guard let flag = value.boolValue else {
            throw PayloadDecodingError(field: name, expected: "a Boolean")
        }
        return flag
    }

    /// A list of strings; empty when absent.
    public func strings(_ name: String) throws(PayloadDecodingError) -> [String] {
        guard let value = members[name], !value.isNull else { return [] }
        guard let elements = value.arrayValue else {
            throw PayloadDecodingError(field: name, expected: "a list of strings")
        }
        var result = [String]()
        result.reserveCapacity(elements.count)
        for element in elements {
            guard let text = element.stringValue else {
                throw PayloadDecodingError(field: name, expected: "a list of strings")
            }
            result.append(text)
        }
        return result
    }

    /// An object of strings; empty when absent.
    public func stringMap(_ name: String) throws(PayloadDecodingError) -> [String: String] {
        guard let value = members[name], !value.isNull else { return [:] }
        guard let object = value.objectValue else {
            throw PayloadDecodingError(field: name, expected: "an object of strings")
        }
        var result = [String: String](minimumCapacity: object.count)
        for (key, element) in object {
            guard let text = element.stringValue else {
                throw PayloadDecodingError(field: "\(name).\(key)", expected: "a string")
            }
            result[key] = text
        }
        return result
    }

    /// A list of objects, each decoded by `transform`; empty when absent.
    public func objects<T>(
        _ name: String, _ transform: (JSONFields) throws(PayloadDecodingError) -> T
    ) throws(PayloadDecodingError) -> [T] {
        guard let value = members[name], !value.isNull else { return [] }
        guard let elements = value.arrayValue else {
            throw PayloadDecodingError(field: name, expected: "a list of objects")
        }
        var result = [T]()
        result.reserveCapacity(elements.count)
        for element in elements {
            result.append(try transform(try JSONFields(element)))
        }
        return result
    }

    /// An optional nested object.
    public func optionalObject(_ name: String) throws(PayloadDecodingError) -> JSONFields? {
        guard let value = members[name], !value.isNull else { return nil }
        return try JSONFields(value)
    }

    /// Any JSON value, `null` when absent.
    public func raw(_ name: String) -> JSONValue {
        members[name] ?? .null
    }

    /// A required timestamp in canonical ISO 8601 form.
    public func timestamp(_ name: String) throws(PayloadDecodingError) -> Timestamp {
        guard let text = members[name]?.stringValue, let instant = Timestamp(iso8601: text) else {
            throw PayloadDecodingError(field: name, expected: "an ISO 8601 timestamp")
        }
        return instant
    }

    /// A string-backed enumeration.
    public func enumeration<T: RawRepresentable>(_ name: String, as type: T.Type)
        throws(PayloadDecodingError) -> T where T.RawValue == String
    {
        guard let text = members[name]?.stringValue, let value = T(rawValue: text) else {
            throw PayloadDecodingError(field: name, expected: "one of the known \(name) values")
        }
        return value
    }
}
