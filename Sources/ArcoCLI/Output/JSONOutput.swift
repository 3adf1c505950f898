import ArcoCore

/// `--json` output: one canonical JSON document (sorted keys, no whitespace), so that two runs
/// over the same ledger print identical bytes.
enum JSONOutput {
    static func print(_ value: JSONValue) {
        Console.out(CanonicalJSON.encode(value))
    }

    /// The error object written to stderr under `--json`.
    static func error(_ error: OperatorError) -> JSONValue {
        var object: [String: JSONValue] = [
            "status": .int(Int64(error.status.rawValue)), "code": .string(error.status.description),
            "message": .string(error.message), "hint": .optional(error.hint),
        ]
        if !error.details.isEmpty { object["details"] = .strings(error.details) }
        if let data = error.data?.objectValue {
            for (key, value) in data { object[key] = value }
        }
        return ["error": .object(object)]
    }
}
