/// Turns the node tree of `arco.yaml` into validated `WorkspaceDefinitions`.
///
/// Decoding and validation are one pass that reports every problem it finds: unknown and
/// misspelled keys, wrong types, bad durations, crons and time zones, unknown assets and
/// partitions definitions, dependency cycles and partition mappings between incompatible
/// definitions. The file format is documented in docs/workspace.md.
public enum DefinitionsDecoder {
    /// The only `version:` this build reads.
    public static let supportedVersion = 1

    /// Decodes and validates a workspace file.
    ///
    /// - Parameter root: the document, as produced by `WorkspaceFileReader.parse`.
    /// - Returns: the definitions, when the file has no problem at all.
    /// - Throws: `DefinitionErrors` listing every problem, sorted by location.
    public static func decode(_ root: ConfigNode) throws(DefinitionErrors) -> WorkspaceDefinitions {
        var decoding = WorkspaceDecoding()
        let definitions = decoding.decodeWorkspace(root)
        guard decoding.diagnostics.isEmpty, let definitions else {
            throw DefinitionErrors(decoding.diagnostics)
        }
        return definitions
    }
}
