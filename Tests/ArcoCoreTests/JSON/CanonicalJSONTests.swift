import ArcoCore
import Testing

@Suite struct CanonicalJSONTests {
    @Test("object keys are sorted by UTF-8 bytes and whitespace is dropped")
    func sortsKeys() {
        let value: JSONValue = ["b": 1, "a": ["z": true, "é": nil, "Z": "x"], "aa": [1, 2]]
        #expect(CanonicalJSON.encode(value) == #"{"a":{"Z":"x","z":true,"é":null},"aa":[1,2],"b":1}"#)
    }

    @Test("strings use minimal escapes and keep non-ASCII as UTF-8")
    func escapes() {
        let value: JSONValue = .string("q\"b\\n\n\t\u{01}é😀/")
        #expect(CanonicalJSON.encode(value) == #""q\"b\\n\n\t\u0001é😀/""#)
    }

    @Test("numbers: integers in decimal, doubles in shortest round-trip form")
    func numbers() {
        #expect(CanonicalJSON.encode([.int(-42), .int(Int64.max), .double(0.1), .double(1e-7)]) == "[-42,9223372036854775807,0.1,1e-07]")
    }

    @Test(
        "parse then encode is the identity on canonical text",
        arguments: [
            #"{"a":[1,2.5,"x",null,true,false],"b":{"c":"\u0000\"\\"}}"#, #"[]"#, #"{}"#, #""""#, "-0.5",
            #"{"k":"日本語","n":-9223372036854775808}"#,
        ])
    func roundTrip(text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(CanonicalJSON.encode(value) == text)
    }

    @Test("the parser accepts whitespace, escapes and surrogate pairs")
    func parsesEscapes() throws {
        let value = try JSONParser.parse(" { \"a\" : \"\\u00e9\\ud83d\\ude00\\/\" , \"b\" : [ 1 , 2 ] } ")
        #expect(value == ["a": "é😀/", "b": [1, 2]])
    }

    @Test(
        "the parser rejects malformed JSON with a position",
        arguments: [
            "", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "\"\u{01}\"", "{\"a\":1}x", "\"\\ud800\"",
            "{\"a\":1,\"a\":2}", "[\"unterminated]",
        ])
    func rejects(text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test("nesting deeper than the limit is rejected rather than overflowing the stack")
    func depthLimit() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(deep) }
        let allowed = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(allowed)) != nil)
    }
}
