import ArcoCore
import Testing

extension DefinitionsTestGroup {
    @Suite("NameSuggestion")
    struct NameSuggestionTests {
        static let keys = [
            "command", "argv", "env", "env_file", "cwd", "deps", "partitions", "retries",
        ]

        @Test("suggests names within two edits, ignoring case", arguments: [
            ("comand", "command"), ("Command", "command"), ("dpes", "deps"), ("retires", "retries"),
            ("partition", "partitions"),
        ])
        func suggestsCloseNames(word: String, expected: String) {
            #expect(NameSuggestion.closest(to: word, in: Self.keys) == expected)
        }

        @Test("suggests a name the word is a prefix of")
        func suggestsPrefixes() {
            #expect(NameSuggestion.closest(to: "env_f", in: Self.keys) == "env_file")
            #expect(NameSuggestion.closest(to: "partitions_def", in: Self.keys) == "partitions")
        }

        @Test("stays silent when nothing is close")
        func noSuggestion() {
            #expect(NameSuggestion.closest(to: "schedule", in: Self.keys) == nil)
            #expect(NameSuggestion.closest(to: "x", in: Self.keys) == nil)
            #expect(NameSuggestion.hint(for: "zzz", in: Self.keys) == nil)
        }

        @Test("prefers the smallest distance, then the first name in order")
        func tieBreaking() {
            #expect(NameSuggestion.closest(to: "ab", in: ["abc", "abd"]) == "abc")
            #expect(NameSuggestion.closest(to: "raw_ordrs", in: ["raw_orders", "raw_order"])
                == "raw_orders")
            #expect(NameSuggestion.hint(for: "raw_ordrs", in: ["raw_orders"])
                == "did you mean 'raw_orders'?")
        }

        @Test("computes Levenshtein distance")
        func editDistance() {
            #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
            #expect(NameSuggestion.editDistance("", "abc") == 3)
            #expect(NameSuggestion.editDistance("same", "same") == 0)
        }
    }
}
