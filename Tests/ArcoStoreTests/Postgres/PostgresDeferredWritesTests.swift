@testable import ArcoStore
import Foundation
import Testing

/// How deferred writes are taken apart and packed into statements, without a server.
@Suite struct PostgresDeferredWritesTests {
    static let upsert = "INSERT INTO runs (run_id, status, n) VALUES (?, ?, ?) ON CONFLICT(run_id) DO UPDATE SET status = excluded.status"
    static let insert = "INSERT INTO events (seq, key) VALUES (?, ?)"

    func template(_ sql: String) throws -> PostgresInsertTemplate { try #require(PostgresInsertTemplate(sql)) }

    @Test func templateSplitsAroundTheTuple() throws {
        let template = try template(Self.upsert)
        #expect(template.table == "runs")
        #expect(template.head == "INSERT INTO runs (run_id, status, n) VALUES ")
        #expect(template.tuplePieces == ["(", ", ", ", ", ")"])
        #expect(template.tail == " ON CONFLICT(run_id) DO UPDATE SET status = excluded.status")
        #expect(template.conflictKeyArguments == [0])
        #expect(try self.template(Self.insert).conflictKeyArguments == nil)
    }

    @Test func constantKeyColumnsAndLiteralsInTheTuple() throws {
        let meta = try template(
            "INSERT INTO projection_meta (id, seq, note) VALUES (1, ?, '?,(') ON CONFLICT(id) DO UPDATE SET seq = excluded.seq")
        #expect(meta.argumentCount == 1)
        #expect(meta.conflictKeyArguments == [])
        #expect(meta.tuplePieces == ["(1, ", ", '?,(')"])
        let scratch = try template("INSERT INTO s_rebuild.steps (a, b) VALUES (?, ?) ON CONFLICT(b, a) DO UPDATE SET a = excluded.a")
        #expect(scratch.table == "s_rebuild.steps")
        #expect(scratch.conflictKeyArguments == [1, 0])
    }

    @Test func otherStatementsAreNotTemplates() {
        #expect(PostgresInsertTemplate("UPDATE runs SET status = ? WHERE run_id = ?") == nil)
        #expect(PostgresInsertTemplate("DELETE FROM runs WHERE run_id = ?") == nil)
        #expect(PostgresInsertTemplate("INSERT INTO t (a) SELECT ? FROM u") == nil)
        // A placeholder outside the tuple would be bound once per row.
        #expect(PostgresInsertTemplate("INSERT INTO t (a) VALUES (?) ON CONFLICT(a) DO UPDATE SET a = ?") == nil)
        #expect(PostgresInsertTemplate("INSERT INTO t (a, b) VALUES (?, lower(?)) ON CONFLICT(b) DO UPDATE SET a = excluded.a") == nil)
    }

    @Test func rowsOfOneTextBecomeOneInsert() throws {
        var writes = PostgresDeferredWrites()
        for seq in 1...3 { writes.append(try template(Self.insert), [.integer(Int64(seq)), .text("k\(seq)")]) }
        let statements = writes.statements()
        #expect(statements.count == 1)
        #expect(statements[0].text == "INSERT INTO events (seq, key) VALUES ($1, $2), ($3, $4), ($5, $6)")
        #expect(statements[0].arguments == [.integer(1), .text("k1"), .integer(2), .text("k2"), .integer(3), .text("k3")])
    }

    @Test func manyRowsOfPlainPlaceholdersBecomeOneJSONArgument() throws {
        var writes = PostgresDeferredWrites()
        let rows = PostgresDeferredWrites.recordsetRowsMin
        for seq in 1...rows { writes.append(try template(Self.insert), [.integer(Int64(seq)), seq == 2 ? .null : .text("k\"\(seq)")]) }
        for seq in 1...rows { writes.append(try template(Self.upsert), [.text("r\(seq)"), .text("queued"), .integer(Int64(seq))]) }
        let statements = writes.statements()
        #expect(statements.map(\.text) == [
            "WITH w0 AS (INSERT INTO events (\"seq\", \"key\") SELECT \"seq\", \"key\" FROM json_populate_recordset(NULL::events, $1::json))"
                + " INSERT INTO runs (\"run_id\", \"status\", \"n\") SELECT \"run_id\", \"status\", \"n\" FROM json_populate_recordset(NULL::runs, $2::json)"
                + " ON CONFLICT(run_id) DO UPDATE SET status = excluded.status"
        ])
        #expect(statements[0].arguments.count == 2)
        let events = try #require(statements[0].arguments.first.flatMap { if case .text(let text) = $0 { text } else { nil } })
        #expect(events.hasPrefix(#"[{"seq":1,"key":"k\"1"},{"seq":2,"key":null},{"seq":3,"#))
    }

    @Test func aPartHoldingARealOrABlobOrFewRowsKeepsItsValuesTuples() throws {
        var writes = PostgresDeferredWrites()
        let rows = PostgresDeferredWrites.recordsetRowsMin
        for seq in 1...rows { writes.append(try template(Self.insert), [.integer(Int64(seq)), seq == 3 ? .real(0.5) : .text("k")]) }
        #expect(writes.statements()[0].text.contains("VALUES ($1, $2), ($3, $4)"))
        writes.removeAll()
        for seq in 1...rows { writes.append(try template(Self.insert), [.integer(Int64(seq)), seq == 3 ? .blob(Data([1])) : .text("k")]) }
        #expect(writes.statements()[0].text.contains("VALUES ($1, $2), ($3, $4)"))
        writes.removeAll()
        for seq in 1..<rows { writes.append(try template(Self.insert), [.integer(Int64(seq)), .text("k")]) }
        #expect(!writes.statements()[0].text.contains("json"))
    }

    @Test func tablesShareAStatementAsCTEs() throws {
        var writes = PostgresDeferredWrites()
        writes.append(try template(Self.insert), [.integer(1), .text("a")])
        writes.append(try template(Self.upsert), [.text("r1"), .text("queued"), .null])
        writes.append(try template(Self.insert), [.integer(2), .text("b")])
        let statements = writes.statements()
        #expect(statements.map(\.text) == [
            "WITH w0 AS (INSERT INTO events (seq, key) VALUES ($1, $2), ($3, $4)) INSERT INTO runs (run_id, status, n) VALUES ($5, $6, $7)"
                + " ON CONFLICT(run_id) DO UPDATE SET status = excluded.status"
        ])
        #expect(statements[0].arguments == [.integer(1), .text("a"), .integer(2), .text("b"), .text("r1"), .text("queued"), .null])
    }

    @Test func aRepeatedUpsertKeyOrAnotherTextStartsTheNextStatement() throws {
        var writes = PostgresDeferredWrites()
        writes.append(try template(Self.upsert), [.text("r1"), .text("queued"), .null])
        writes.append(try template(Self.upsert), [.text("r2"), .text("queued"), .null])
        writes.append(try template(Self.upsert), [.text("r1"), .text("running"), .null])
        writes.append(try template("INSERT INTO runs (run_id) VALUES (?)"), [.text("r3")])
        let statements = writes.statements()
        #expect(statements.count == 3)
        #expect(statements[0].arguments.first == .text("r1") && statements[0].arguments.count == 6)
        #expect(statements[1].arguments == [.text("r1"), .text("running"), .null])
        #expect(statements[2].text == "INSERT INTO runs (run_id) VALUES ($1)")
    }

    @Test func statementsStayWithinTheBindLimit() throws {
        var writes = PostgresDeferredWrites()
        let rows = PostgresDeferredWrites.argumentsPerStatementMax / 2 + 10
        // A real keeps the rows in VALUES tuples, whose placeholders the limit is about.
        for seq in 0..<rows { writes.append(try template(Self.insert), [.integer(Int64(seq)), .real(0.5)]) }
        let statements = writes.statements()
        #expect(statements.count == 2)
        #expect(statements.allSatisfy { $0.arguments.count <= PostgresDeferredWrites.argumentsPerStatementMax })
        #expect(statements.map(\.arguments.count).reduce(0, +) == rows * 2)
    }

    @Test func aReadTakesOnlyTheWritesOfTheTablesItNames() throws {
        var writes = PostgresDeferredWrites()
        writes.append(try template(Self.insert), [.integer(1), .text("a")])
        writes.append(try template(Self.upsert), [.text("r1"), .text("queued"), .null])
        #expect(writes.take(readBy: "SELECT 1 FROM steps").isEmpty)
        let taken = writes.take(readBy: "SELECT status FROM runs WHERE run_id = ?")
        #expect(taken.map(\.arguments) == [[.text("r1"), .text("queued"), .null]])
        #expect(!writes.mayBeRead(by: "SELECT 1 FROM runs") && writes.mayBeRead(by: "SELECT 1 FROM events"))
        #expect(writes.take().map(\.arguments) == [[.integer(1), .text("a")]])
        #expect(writes.isEmpty)
    }

    @Test func readsOfPendingTablesAreRecognised() throws {
        var writes = PostgresDeferredWrites()
        #expect(!writes.mayBeRead(by: "SELECT 1 FROM runs"))
        writes.append(try template("INSERT INTO s_rebuild.runs (run_id) VALUES (?)"), [.text("r")])
        #expect(writes.mayBeRead(by: "SELECT 1 FROM runs WHERE run_id = ?"))
        #expect(writes.mayBeRead(by: "SELECT count(*) FROM s_rebuild.runs"))
        #expect(!writes.mayBeRead(by: "SELECT run_id FROM steps WHERE runs_total = 1"))
        writes.removeAll()
        #expect(writes.isEmpty && !writes.mayBeRead(by: "SELECT 1 FROM runs"))
    }
}
