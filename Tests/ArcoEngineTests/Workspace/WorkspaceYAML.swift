import ArcoCore
import ArcoEngine
import Testing

/// Loads YAML snippets the way `arco validate` does, for the workspace tests.
enum WorkspaceYAML {
    static let fileName = "arco.yaml"

    /// The definitions of a file that must be valid.
    static func load(_ text: String) throws(DefinitionErrors) -> WorkspaceDefinitions {
        try WorkspaceFileReader.load(text: text, fileName: fileName)
    }

    /// The diagnostics of a file that must be invalid; records an issue when it is valid.
    static func problems(
        _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [DefinitionDiagnostic] {
        do throws(DefinitionErrors) {
            _ = try load(text)
            Issue.record("expected the file to be invalid", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// The printed diagnostics (`arco.yaml:3:5: message; hint`) of a file that must be invalid.
    static func report(
        _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [String] {
        problems(text, sourceLocation: sourceLocation).map(\.description)
    }

    /// A location in `arco.yaml`.
    static func at(_ line: Int, _ column: Int) -> ArcoCore.SourceLocation {
        ArcoCore.SourceLocation(file: fileName, line: line, column: column)
    }
}
