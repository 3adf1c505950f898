import ArcoCore
import ArcoStore
import ArcoTesting
import Testing

/// The store-level conformance suite (`ArcoTesting.StoreConformance`), run with the same
/// expectations against SQLite and PostgreSQL, and export/import in every direction between them.
@Suite struct StoreContractTests {
    static let sqlite = StoreFactory(name: "SQLite") {
        let temporary = try TemporaryStore()
        return StoreUnderTest(store: temporary.store, owner: temporary) { fence in
            try SQLiteStore(path: temporary.folder + "/arco.db", options: .init(fence: fence))
        }
    }

    static let postgres = StoreFactory(name: "PostgreSQL") {
        let temporary = try TemporaryPostgresStore(name: "contract")
        return StoreUnderTest(store: temporary.store, owner: temporary) { fence in
            try temporary.open(.init(fence: fence))
        }
    }

    @Test("SQLite conforms", arguments: StoreConformance.Check.allCases)
    func sqlite(check: StoreConformance.Check) throws {
        let problems = try StoreConformance.run(check, on: Self.sqlite)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("PostgreSQL conforms", arguments: StoreConformance.Check.allCases)
    func postgres(check: StoreConformance.Check) throws {
        let problems = try StoreConformance.run(check, on: Self.postgres)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("an exported ledger imports into a fresh store of either kind with equal projections", arguments: [
        ("SQLite", "PostgreSQL"), ("PostgreSQL", "SQLite"), ("SQLite", "SQLite"), ("PostgreSQL", "PostgreSQL"),
    ])
    func exportImport(source: String, target: String) throws {
        let factory = { (name: String) in name == "SQLite" ? Self.sqlite : Self.postgres }
        let problems = try StoreConformance.exportImport(from: factory(source), to: factory(target))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
