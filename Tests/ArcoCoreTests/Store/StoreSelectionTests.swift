import ArcoCore
import Testing

@Suite struct StoreSelectionTests {
    private let url = "postgres://arco@db:5432/arco"

    @Test func defaultsToSQLite() throws {
        let (selection, source) = try StoreSelection.resolve(flag: nil, environment: [:], workspaceFile: "version: 1\n")
        #expect(selection == .sqlite)
        #expect(source == .builtIn)
    }

    @Test func flagBeatsEnvironmentBeatsFile() throws {
        let file = "version: 1\nstore: postgres://file@db/arco\n"
        let env = ["ARCO_STORE": "postgresql://env@db/arco"]
        #expect(try StoreSelection.resolve(flag: url, environment: env, workspaceFile: file) == (.postgres(url: url), .flag))
        #expect(
            try StoreSelection.resolve(flag: nil, environment: env, workspaceFile: file)
                == (.postgres(url: "postgresql://env@db/arco"), .environment))
        #expect(
            try StoreSelection.resolve(flag: nil, environment: [:], workspaceFile: file)
                == (.postgres(url: "postgres://file@db/arco"), .workspaceFile))
        #expect(try StoreSelection.resolve(flag: "sqlite", environment: env, workspaceFile: file) == (.sqlite, .flag))
    }

    @Test func fileLineForms() {
        #expect(StoreSelection.workspaceFileSetting("store: 'postgres://a@b/c' # shared\n") == "postgres://a@b/c")
        #expect(StoreSelection.workspaceFileSetting("store: \"${PG}\"\n") == "${PG}")
        #expect(StoreSelection.workspaceFileSetting("store: postgres://a@b/c  # team db\n") == "postgres://a@b/c")
        // Only a top-level key counts: an asset's field of the same name is not the setting.
        #expect(StoreSelection.workspaceFileSetting("assets:\n  a:\n    store: x\n") == nil)
    }

    @Test func expandsReferences() throws {
        let env = ["PGPASS": "s3cret", "PGHOST": "db"]
        let (selection, _) = try StoreSelection.resolve(
            flag: nil, environment: env, workspaceFile: "store: postgres://arco:${PGPASS}@${PGHOST}/arco\n")
        #expect(selection == .postgres(url: "postgres://arco:s3cret@db/arco"))
        #expect(selection.displayName == "postgres://arco:***@db/arco")
    }

    @Test func unsetReferenceNamesTheVariable() {
        #expect {
            _ = try StoreSelection.resolve(flag: nil, environment: [:], workspaceFile: "store: ${ARCO_PG_URL}\n")
        } throws: { error in
            let error = error as? OperatorError
            return error?.status == .dataError && error?.message.contains("'ARCO_PG_URL'") == true
                && error?.hint?.contains("export ARCO_PG_URL=") == true
        }
        #expect {
            _ = try StoreSelection.resolve(flag: "postgres://${X", environment: [:], workspaceFile: nil)
        } throws: { ($0 as? OperatorError)?.status == .usage }
    }

    @Test func unknownStoreIsRefusedWithoutEchoingAPassword() {
        #expect {
            _ = try StoreSelection.resolve(flag: "mysql://root:hunter2@db/x", environment: [:], workspaceFile: nil)
        } throws: { error in
            guard let error = error as? OperatorError else { return false }
            return error.status == .usage && !error.description.contains("hunter2")
                && error.message.contains("mysql://root:***@db/x")
        }
    }
}
