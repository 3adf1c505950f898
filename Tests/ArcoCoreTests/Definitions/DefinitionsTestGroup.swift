import Testing

/// Groups the definitions tests whose names would not otherwise say so, so that
/// `swift test --filter Definitions` selects every one of them.
@Suite("Definitions")
enum DefinitionsTestGroup {}
