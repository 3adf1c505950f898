import ArcoCore
import Testing

extension DefinitionsTestGroup {
    @Suite("DefinitionDiagnostic and DefinitionErrors")
    struct DefinitionDiagnosticTests {
        static func at(
            _ line: Int, _ column: Int, file: String = "arco.yaml"
        ) -> ArcoCore.SourceLocation {
            ArcoCore.SourceLocation(file: file, line: line, column: column)
        }

        @Test("prints file:line:column, the message and the hint")
        func description() {
            let diagnostic = DefinitionDiagnostic(location: Self.at(12, 5),
                message: "unknown key 'comand' in asset 'raw'", hint: "did you mean 'command'?")
            #expect(diagnostic.description
                == "arco.yaml:12:5: unknown key 'comand' in asset 'raw'; did you mean 'command'?")
            #expect(DefinitionDiagnostic(location: nil, message: "boom").description == "boom")
        }

        @Test("sorts diagnostics by location, unlocated last, and drops exact duplicates")
        func sortingAndDeduplication() {
            let later = DefinitionDiagnostic(location: Self.at(9, 1), message: "b")
            let earlier = DefinitionDiagnostic(location: Self.at(2, 7), message: "a")
            let sameLine = DefinitionDiagnostic(location: Self.at(2, 3), message: "c")
            let nowhere = DefinitionDiagnostic(location: nil, message: "d")
            let errors = DefinitionErrors([nowhere, later, earlier, sameLine, later])
            #expect(errors.diagnostics == [sameLine, earlier, later, nowhere])
            #expect(errors.description.split(separator: "\n").count == 4)
        }

        @Test("keeps report order for diagnostics at the same location")
        func sameLocationKeepsReportOrder() {
            let first = DefinitionDiagnostic(location: Self.at(4, 1), message: "z first")
            let second = DefinitionDiagnostic(location: Self.at(4, 1), message: "a second")
            #expect(DefinitionErrors([first, second]).diagnostics == [first, second])
        }

        @Test("orders locations by file, then line, then column")
        func locationOrder() {
            #expect(Self.at(2, 1) < Self.at(10, 1))
            #expect(Self.at(2, 1) < Self.at(2, 2))
            #expect(Self.at(9, 9, file: "a.yaml") < Self.at(1, 1, file: "b.yaml"))
            #expect(Self.at(3, 4).description == "arco.yaml:3:4")
        }
    }
}
