/// A sensor command's answer, read from its stdout: the poll protocol of docs/sensors.md.
///
/// `{"run_requests": [{"run_key", "partition", "select", "tags"}], "cursor", "skip_reason",
/// "add_partitions": {"DEF": ["key", …]}}`, every field optional. Anything else (not JSON, not an
/// object, an unknown field, a wrong type, more than the documented bounds) is an error that
/// makes the evaluation an ERROR and keeps the cursor.
public struct SensorAnswer: Sendable, Hashable {
    /// One requested run, as the command wrote it.
    public struct Request: Sendable, Hashable {
        /// The key the command chose; the run key recorded is scoped to the sensor.
        public var runKey: String?
        /// The partition in display form.
        public var partition: String?
        /// A selection replacing the sensor's target.
        public var select: String?
        public var tags: [String: String]

        public init(runKey: String? = nil, partition: String? = nil, select: String? = nil, tags: [String: String] = [:]) {
            self.runKey = runKey
            self.partition = partition
            self.select = select
            self.tags = tags
        }
    }

    public var runRequests: [Request]
    /// The cursor to store; nil keeps the current one.
    public var cursor: String?
    public var skipReason: String?
    /// Dynamic partition keys to add before the runs are planned, by partitions definition.
    public var addPartitions: [String: [String]]

    public init(
        runRequests: [Request] = [], cursor: String? = nil, skipReason: String? = nil,
        addPartitions: [String: [String]] = [:]
    ) {
        self.runRequests = runRequests
        self.cursor = cursor
        self.skipReason = skipReason
        self.addPartitions = addPartitions
    }

    /// Why an answer is refused; the text becomes the evaluation's reason.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    static let fields: Set<String> = ["run_requests", "cursor", "skip_reason", "add_partitions"]
    static let requestFields: Set<String> = ["run_key", "partition", "select", "tags"]

    /// Parses a command's stdout. Empty output (only whitespace) is an empty answer, the
    /// `NO_NEW_DATA` of a command with nothing to say.
    public static func parse(_ bytes: [UInt8]) throws(Invalid) -> SensorAnswer {
        guard bytes.count <= Limits.sensorOutputBytesMax else {
            throw Invalid(description: "output is over \(Limits.sensorOutputBytesMax) bytes")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return SensorAnswer() }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes)
        } catch {
            throw Invalid(description: "output is not JSON: \(error.description)")
        }
        guard let object = value.objectValue else { throw Invalid(description: "output is not a JSON object") }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw Invalid(description: "unknown field '\(unknown)' (expected run_requests, cursor, skip_reason, add_partitions)")
        }
        var answer = SensorAnswer()
        answer.cursor = try optionalString(object["cursor"], "cursor")
        answer.skipReason = try optionalString(object["skip_reason"], "skip_reason")
        answer.runRequests = try requests(object["run_requests"])
        answer.addPartitions = try partitions(object["add_partitions"])
        if let cursor = answer.cursor, cursor.utf8.count > Limits.sensorCursorBytesMax {
            throw Invalid(description: "cursor is over \(Limits.sensorCursorBytesMax) bytes")
        }
        if answer.skipReason != nil, !answer.runRequests.isEmpty {
            // Dagster refuses the same mix: a skip with runs says two things at once.
            throw Invalid(description: "skip_reason and run_requests both given; return one or the other")
        }
        return answer
    }

    private static func optionalString(_ value: JSONValue?, _ name: String) throws(Invalid) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else { throw Invalid(description: "'\(name)' is not a string") }
        return text
    }

    private static func requests(_ value: JSONValue?) throws(Invalid) -> [Request] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw Invalid(description: "'run_requests' is not a list") }
        guard items.count <= Limits.sensorRunRequestsMax else {
            throw Invalid(description: "more than \(Limits.sensorRunRequestsMax) run_requests")
        }
        var result: [Request] = []
        for (index, item) in items.enumerated() {
            let name = "run_requests[\(index)]"
            guard let object = item.objectValue else { throw Invalid(description: "'\(name)' is not an object") }
            if let unknown = object.keys.sorted().first(where: { !requestFields.contains($0) }) {
                throw Invalid(description: "unknown field '\(name).\(unknown)' (expected run_key, partition, select, tags)")
            }
            var request = Request()
            request.runKey = try optionalString(object["run_key"], "\(name).run_key")
            request.partition = try optionalString(object["partition"], "\(name).partition")
            request.select = try optionalString(object["select"], "\(name).select")
            if let key = request.runKey, key.isEmpty || key.utf8.count > Limits.runKeyBytesMax
                || key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            {
                throw Invalid(description: "'\(name).run_key' must be 1 to \(Limits.runKeyBytesMax) bytes without control characters")
            }
            if let tags = object["tags"], !tags.isNull {
                guard let map = tags.objectValue else { throw Invalid(description: "'\(name).tags' is not an object") }
                for (key, tag) in map {
                    guard let text = tag.stringValue else { throw Invalid(description: "'\(name).tags.\(key)' is not a string") }
                    request.tags[key] = text
                }
            }
            result.append(request)
        }
        return result
    }

    private static func partitions(_ value: JSONValue?) throws(Invalid) -> [String: [String]] {
        guard let value, !value.isNull else { return [:] }
        guard let map = value.objectValue else { throw Invalid(description: "'add_partitions' is not an object") }
        var result: [String: [String]] = [:]
        var total = 0
        for (definition, keys) in map {
            guard let list = keys.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw Invalid(description: "'add_partitions.\(definition)' is not a list of strings")
            }
            total += list.count
            result[definition] = list.compactMap(\.stringValue)
        }
        guard total <= Limits.sensorAddedPartitionsMax else {
            throw Invalid(description: "more than \(Limits.sensorAddedPartitionsMax) partition keys in add_partitions")
        }
        return result
    }
}
