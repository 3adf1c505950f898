import ArcoCore
import Testing

/// Decoder behaviour on hand-built trees, independent of any YAML library. The YAML-facing
/// behaviour is covered in ArcoEngineTests/Workspace.
@Suite("DefinitionsDecoder on node trees")
struct DefinitionsDecoderTests {
    // MARK: - Tree builders; each node gets its own line so locations are distinguishable.

    static func at(_ line: Int, _ column: Int = 1) -> ArcoCore.SourceLocation {
        ArcoCore.SourceLocation(file: "arco.yaml", line: line, column: column)
    }

    static func plain(_ value: String, _ line: Int, _ column: Int = 3) -> ConfigNode {
        .scalar(ConfigScalar(value, location: at(line, column)))
    }

    static func quoted(_ value: String, _ line: Int, _ column: Int = 3) -> ConfigNode {
        .scalar(ConfigScalar(value, style: .doubleQuoted, location: at(line, column)))
    }

    static func list(_ line: Int, _ items: [ConfigNode]) -> ConfigNode {
        .sequence(items, location: at(line, 3))
    }

    static func map(_ line: Int, _ entries: [(String, ConfigNode)]) -> ConfigNode {
        .mapping(entries.map { key, value in
            ConfigMappingEntry(key: ConfigScalar(key, location: at(value.location.line, 1)),
                value: value)
        }, location: at(line, 1))
    }

    static func decodeErrors(_ root: ConfigNode) -> [DefinitionDiagnostic] {
        do throws(DefinitionErrors) {
            _ = try DefinitionsDecoder.decode(root)
            Issue.record("expected decoding to fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    // MARK: - Tests

    @Test("plain YAML 1.1 booleans stay strings and become static keys as written")
    func booleansAreNotCoerced() throws {
        let root = Self.map(1, [
            ("version", Self.plain("1", 1)),
            ("partitions", Self.map(2, [
                ("country", Self.map(3, [
                    ("type", Self.plain("static", 3)),
                    ("keys", Self.list(4, [
                        Self.plain("NO", 4), Self.plain("on", 5), Self.plain("yes", 6),
                        Self.plain("off", 7), Self.plain("~x", 8),
                    ])),
                ])),
            ])),
        ])
        let definitions = try DefinitionsDecoder.decode(root)
        let country = try #require(definitions.partitionsDefinition("country"))
        #expect(country.staticPartitions?.keys == ["NO", "on", "yes", "off", "~x"])
    }

    @Test("a missing version is reported at the top of the file")
    func missingVersion() {
        let problems = Self.decodeErrors(Self.map(1, []))
        #expect(problems.map(\.description)
            == ["arco.yaml:1:1: missing required key 'version' in the top level"])
    }

    @Test("a quoted 'true' is not a boolean")
    func quotedBooleanIsRejected() {
        let root = Self.map(1, [
            ("version", Self.plain("1", 1)),
            ("assets", Self.map(2, [("raw", Self.map(3, [("command", Self.plain("true", 3))]))])),
            ("automation", Self.map(4, [
                ("raw", Self.map(5, [
                    ("condition", Self.plain("eager", 5)), ("enabled", Self.quoted("false", 6)),
                ])),
            ])),
        ])
        let problems = Self.decodeErrors(root)
        #expect(problems.count == 1)
        #expect(problems.first?.location == Self.at(6, 3))
        #expect(problems.first?.message
            == "expected true or false for 'enabled' of automation of asset 'raw', "
                + "found the quoted string 'false'")
    }

    @Test("every problem is reported in one pass, sorted by location")
    func allProblemsAtOnce() {
        let root = Self.map(1, [
            ("version", Self.plain("2", 1)),
            ("asets", Self.map(2, [])),
            ("assets", Self.map(3, [
                ("raw", Self.map(4, [("comand", Self.plain("x", 4))])),
                ("clean", Self.map(5, [
                    ("command", Self.plain("y", 5)), ("timeout", Self.plain("30", 6)),
                ])),
            ])),
        ])
        let problems = Self.decodeErrors(root)
        #expect(problems.map(\.message) == [
            "unsupported workspace file version 2",
            "unknown top-level key 'asets'",
            "unknown key 'comand' in asset 'raw'",
            "asset 'raw' needs 'command' or 'argv'",
            "duration '30' has no unit for 'timeout' of asset 'clean'",
        ])
        #expect(problems.map(\.location?.line) == [1, 2, 4, 4, 6])
        #expect(problems[1].hint == "did you mean 'assets'?")
        #expect(problems[2].hint == "did you mean 'command'?")
    }

    @Test("null sections read as empty and an empty file only lacks its version")
    func nullSections() throws {
        let root = Self.map(1, [
            ("version", Self.plain("1", 1)), ("assets", Self.plain("", 2)),
            ("schedules", Self.plain("~", 3)),
        ])
        let definitions = try DefinitionsDecoder.decode(root)
        #expect(definitions.assets.isEmpty && definitions.schedules.isEmpty)
        #expect(definitions.summary == WorkspaceSummary(assets: 0, partitionsDefinitions: 0,
            schedules: 0, sensors: 0))
    }

    @Test("a document that is not a mapping is refused")
    func nonMappingRoot() {
        let problems = Self.decodeErrors(Self.list(1, [Self.plain("a", 1)]))
        #expect(problems.map(\.message) == ["expected a mapping for the top level, found a list"])
    }
}
