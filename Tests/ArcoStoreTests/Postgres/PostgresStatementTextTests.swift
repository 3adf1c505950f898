@testable import ArcoStore
import Testing

/// Placeholder numbering and script splitting skip literals, identifiers and comments.
@Suite struct PostgresStatementTextTests {
    @Test func numbersPlaceholdersOutsideLiterals() {
        let cases: [(String, String, Int)] = [
            ("SELECT 1", "SELECT 1", 0),
            ("SELECT ?, ?", "SELECT $1, $2", 2),
            ("SELECT '?', ?", "SELECT '?', $1", 1),
            ("SELECT 'it''s ?', ? -- what?\n, ?", "SELECT 'it''s ?', $1 -- what?\n, $2", 2),
            ("SELECT \"col?\" FROM t WHERE a = ? /* ? /* nested ? */ ? */ AND b = ?", "SELECT \"col?\" FROM t WHERE a = $1 /* ? /* nested ? */ ? */ AND b = $2", 2),
            ("SELECT $$ ? $$, $tag$ '? $tag$, ?", "SELECT $$ ? $$, $tag$ '? $tag$, $1", 1),
            ("SELECT E'\\' ?', ?", "SELECT E'\\' ?', $1", 1),
            ("SELECT 'é?', ?", "SELECT 'é?', $1", 1),
        ]
        for (input, output, count) in cases {
            let translated = PostgresStatementText.numberingPlaceholders(input)
            #expect(translated.text == output, "\(input)")
            #expect(translated.count == count, "\(input)")
        }
    }

    @Test func splitsScriptsAtStatementEnds() {
        let script = """
            -- a comment; not a statement end
            CREATE TABLE a (x TEXT DEFAULT ';');
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
            /* only a comment; */
            ;
            INSERT INTO a VALUES ('x')
            """
        #expect(PostgresStatementText.statements(script) == [
            "-- a comment; not a statement end\nCREATE TABLE a (x TEXT DEFAULT ';')",
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
            "INSERT INTO a VALUES ('x')",
        ])
    }

    @Test func castsNumberedPlaceholdersToTheirArgumentsTypes() {
        let types: [PostgresValueCoding.ParameterType?] = [.int8, nil, .text, .float8, .bytea, .int8, .int8, .int8, .int8, .text]
        let cases: [(String, String)] = [
            ("SELECT $1, $2, $3", "SELECT $1::int8, $2, $3::text"),
            ("SELECT $3::jsonb, $4+$5", "SELECT $3::text::jsonb, $4::float8+$5::bytea"),
            ("SELECT $10, $1", "SELECT $10::text, $1::int8"),
            ("SELECT '$1', \"$1\", $1 -- $1\n", "SELECT '$1', \"$1\", $1::int8 -- $1\n"),
            ("SELECT $$ $1 $$, $tag$ $3 $tag$, $3", "SELECT $$ $1 $$, $tag$ $3 $tag$, $3::text"),
            ("SELECT $11, $0, $", "SELECT $11, $0, $"),
        ]
        for (input, output) in cases {
            #expect(PostgresStatementText.castingPlaceholders(input, types: types) == output, "\(input)")
        }
    }
}
