import ArcoCore
import Foundation

extension Engine {
    /// Reads and validates `arco.yaml`.
    /// - Throws: `OperatorError` with exit 65 listing every problem, or 66 when the file is gone.
    public func loadDefinitions() throws -> WorkspaceDefinitions {
        let path = workspace.definitionsPath
        if let problem = workspace.definitionsFileProblem() { throw problem }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OperatorError(
                .notFound, "cannot read '\(path)'", hint: "create it with `arco init \(workspace.root)`")
        }
        if let cached = parsedDefinitions.withLock({ $0 }), cached.bytes == data {
            definitionsProblem.withLock { $0 = nil }
            return cached.definitions
        }
        do throws(DefinitionErrors) {
            let definitions = try WorkspaceFileReader.load(data: data, fileName: Workspace.fileName)
            parsedDefinitions.withLock { $0 = (data, definitions) }
            definitionsProblem.withLock { $0 = nil }
            return definitions
        } catch {
            let problem = Self.invalidDefinitions(error)
            // The daemon keeps what it last parsed running: a half-saved edit must not stop
            // every schedule. It says so once per broken file (`definitionsProblem`).
            if environment.keepsLastGoodDefinitions, let cached = parsedDefinitions.withLock({ $0 }) {
                definitionsProblem.withLock { $0 = problem }
                return cached.definitions
            }
            throw problem
        }
    }

    /// What `arco validate` checks: `loadDefinitions`, that no partitions definition has more
    /// than `Limits.partitionsPerDefinitionMax` partitions now, and that every schedule's target
    /// and partition can succeed (`ScheduleTargetCheck`) and every sensor's target resolves
    /// (`SensorTargetCheck`).
    /// - Throws: `OperatorError` with exit 65 listing every problem, or 66 when the file is gone.
    public func validateDefinitions() throws -> WorkspaceDefinitions {
        let definitions = try loadDefinitions()
        let problems = PartitionLimitCheck.diagnostics(definitions, now: environment.clock.now())
            + ScheduleTargetCheck.diagnostics(definitions) + SensorTargetCheck.diagnostics(definitions)
        guard problems.isEmpty else { throw Self.invalidDefinitions(DefinitionErrors(problems)) }
        return definitions
    }

    /// The operator error for an invalid workspace file: every problem, one per line.
    static func invalidDefinitions(_ errors: DefinitionErrors) -> OperatorError {
        let count = errors.diagnostics.count
        let diagnostics: [JSONValue] = errors.diagnostics.map { diagnostic in
            [
                "file": .optional(diagnostic.location?.file), "line": .optional(diagnostic.location.map { Int64($0.line) }),
                "column": .optional(diagnostic.location.map { Int64($0.column) }), "message": .string(diagnostic.message),
                "hint": .optional(diagnostic.hint),
            ]
        }
        return OperatorError(
            .dataError, "\(Workspace.fileName) has \(count) problem\(count == 1 ? "" : "s")",
            hint: "fix them, then check again with `arco validate`",
            details: errors.diagnostics.map(\.description), data: ["diagnostics": .array(diagnostics)])
    }
}
