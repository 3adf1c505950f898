import ArcoCore
import ArcoEngine
import Testing

@Suite("WorkspaceFileReader")
struct WorkspaceFileReaderTests {
    static func parse(_ text: String) throws(DefinitionErrors) -> ConfigNode {
        try WorkspaceFileReader.parse(text: text, fileName: "arco.yaml")
    }

    static func entries(_ node: ConfigNode) -> [String: ConfigNode] {
        guard case .mapping(let entries, _) = node else { return [:] }
        return Dictionary(entries.map { ($0.key.value, $0.value) }) { first, _ in first }
    }

    @Test("scalars keep their text, quoting and explicit tags; nothing is coerced")
    func scalarsStayText() throws {
        let node = try Self.parse("""
            plain: NO
            single: 'on'
            double: "3"
            tagged: !!str 010
            literal: |
              line
            empty:
            """)
        let values = Self.entries(node)
        #expect(values["plain"]?.scalar == ConfigScalar("NO", location: WorkspaceYAML.at(1, 8)))
        #expect(values["single"]?.scalar?.style == .singleQuoted)
        #expect(values["double"]?.scalar?.style == .doubleQuoted)
        #expect(values["double"]?.scalar?.isPlain == false)
        #expect(values["tagged"]?.scalar?.value == "010")
        #expect(values["tagged"]?.scalar?.tag == "tag:yaml.org,2002:str")
        #expect(values["tagged"]?.scalar?.isPlain == false)
        #expect(values["literal"]?.scalar?.value == "line\n")
        #expect(values["literal"]?.scalar?.style == .literal)
        #expect(values["empty"]?.isNull == true)
    }

    @Test("every node carries its 1-based line and column")
    func locations() throws {
        let node = try Self.parse("""
            version: 1
            assets:
              raw:
                deps: [a, b]
            """)
        guard case .mapping(let top, let rootLocation) = node else {
            Issue.record("expected a mapping")
            return
        }
        #expect(rootLocation == WorkspaceYAML.at(1, 1))
        #expect(top.map(\.key.location) == [WorkspaceYAML.at(1, 1), WorkspaceYAML.at(2, 1)])
        let raw = try #require(Self.entries(top[1].value)["raw"])
        #expect(raw.location == WorkspaceYAML.at(4, 5))
        guard case .sequence(let deps, let depsLocation)? = Self.entries(raw)["deps"] else {
            Issue.record("expected a list")
            return
        }
        #expect(depsLocation == WorkspaceYAML.at(4, 11))
        #expect(deps.map(\.location) == [WorkspaceYAML.at(4, 12), WorkspaceYAML.at(4, 15)])
    }

    @Test("an empty document reads as an empty mapping")
    func emptyDocument() throws {
        #expect(try Self.parse("") == .mapping([], location: WorkspaceYAML.at(1, 1)))
        #expect(try Self.parse("# only a comment\n")
            == .mapping([], location: WorkspaceYAML.at(1, 1)))
        #expect(WorkspaceYAML.report("") == [
            "arco.yaml:1:1: missing required key 'version' in the top level"
        ])
    }

    @Test("a YAML syntax error becomes one diagnostic at its line and column")
    func syntaxError() {
        let problems = WorkspaceYAML.problems("""
            version: 1
            assets:
              raw: [a, b
              clean: {}
            """)
        #expect(problems.map(\.description) == [
            "arco.yaml:4:8: invalid YAML: did not find expected ',' or ']'; check the flow "
                + "sequence that starts at line 3, column 8"
        ])
    }

    @Test("an undefined alias and a bad escape are syntax errors too")
    func otherSyntaxErrors() {
        #expect(WorkspaceYAML.report("a: *nope\n") == [
            "arco.yaml:1:4: invalid YAML: found undefined alias"
        ])
        #expect(WorkspaceYAML.report("a: \"\\q\"\n") == [
            "arco.yaml:1:5: invalid YAML: found unknown escape character; check the quoted "
                + "scalar that starts at line 1, column 4"
        ])
    }

    @Test("a tab used for indentation gets a hint about spaces")
    func tabIndentation() {
        let problems = WorkspaceYAML.problems("version: 1\nassets:\n\traw:\n")
        #expect(problems.count == 1)
        #expect(problems.first?.location?.line == 3)
        #expect(problems.first?.hint
            == "indent with spaces; YAML does not allow tabs for indentation")
    }

    @Test("a key written twice in one mapping is reported")
    func duplicateKeys() {
        let problems = WorkspaceYAML.problems("""
            version: 1
            assets:
              raw: {command: a}
              raw: {command: b}
            """)
        #expect(problems.map(\.message) == ["duplicate key 'raw' in a mapping"])
        #expect(problems.first?.location?.line == 3)
    }

    @Test("merge keys copy a mapping, and explicit keys win")
    func mergeKeys() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            assets:
              base: &defaults
                command: ./run.sh
                group: ingest
                tags: {team: data}
              copy:
                <<: *defaults
                group: serve
            """)
        let copy = try #require(definitions.asset("copy"))
        #expect(copy.command == .shell("./run.sh"))
        #expect(copy.group == "serve")
        #expect(copy.tags == ["team": "data"])
    }

    @Test("a stream with several documents is refused")
    func severalDocuments() {
        let problems = WorkspaceYAML.problems("version: 1\n---\nversion: 1\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message == "invalid YAML: but found another document")
    }

    @Test("a document whose aliases expand exponentially is refused instead of hanging")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            let previous = "*a\(level - 1)"
            let items = Array(repeating: previous, count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(items)]\n"
        }
        let problems = WorkspaceYAML.problems(text)
        #expect(problems.map(\.message) == ["the document expands to more than 1000000 nodes"])
    }

    @Test("keys that are not strings are refused")
    func complexKeys() {
        let problems = WorkspaceYAML.problems("version: 1\n? [a, b]\n: c\n")
        #expect(problems.map(\.message) == ["mapping keys must be strings, found a list"])
        #expect(problems.first?.location == WorkspaceYAML.at(2, 3))
    }
}
