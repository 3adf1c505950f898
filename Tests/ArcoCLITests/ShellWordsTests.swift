@testable import ArcoCLI
import Testing

@Suite struct ShellWordsTests {
    @Test("white space separates words; runs of it make no empty words")
    func plainWords() throws {
        #expect(try ShellWords.split("status --limit 1") == ["status", "--limit", "1"])
        #expect(try ShellWords.split("  asset\t list  ") == ["asset", "list"])
        #expect(try ShellWords.split("") == [])
    }

    @Test("single quotes keep everything, double quotes all but \\\" and \\\\")
    func quotes() throws {
        #expect(try ShellWords.split(#"asset show 'raw orders'"#) == ["asset", "show", "raw orders"])
        #expect(try ShellWords.split(#"x 'a\b "c"'"#) == ["x", #"a\b "c""#])
        #expect(try ShellWords.split(#"x "a \"b\" \\ \n $c""#) == ["x", #"a "b" \ \n $c"#])
        #expect(try ShellWords.split(#"x "it's""#) == ["x", "it's"])
    }

    @Test("quotes join with the text around them, and an empty pair is an empty word")
    func joinedAndEmpty() throws {
        #expect(try ShellWords.split(#"--key='2024 01'x"#) == ["--key=2024 01x"])
        #expect(try ShellWords.split(#"run '' """#) == ["run", "", ""])
    }

    @Test("a backslash outside quotes keeps the next character, a space included")
    func backslash() throws {
        #expect(try ShellWords.split(#"a\ b c\'d \\"#) == ["a b", "c'd", "\\"])
    }

    @Test("an open quote or a final backslash is refused, with the reason")
    func problems() {
        #expect(throws: ShellWords.Problem.unterminatedQuote("'")) { try ShellWords.split("asset show 'raw") }
        #expect(throws: ShellWords.Problem.unterminatedQuote("\"")) { try ShellWords.split(#"x "a"#) }
        #expect(throws: ShellWords.Problem.trailingBackslash) { try ShellWords.split(#"x \"#) }
    }

    @Test("scan closes an open quote and says whether the line ends inside a word")
    func scanForCompletion() {
        #expect(ShellWords.scan("asset show 'ra") == .init(words: ["asset", "show", "ra"], endsInWord: true, problem: .unterminatedQuote("'")))
        #expect(ShellWords.scan("asset ").endsInWord == false)
        #expect(ShellWords.scan("asset").endsInWord == true)
    }

    @Test("quoted gives back a word that splits to itself")
    func quotedRoundTrip() throws {
        for word in ["plain", "raw/orders", "two words", "it's", "", #"back\slash"#, "--key=2024-01-01"] {
            #expect(try ShellWords.split(ShellWords.quoted(word)) == [word])
        }
        #expect(ShellWords.quoted("raw/orders") == "raw/orders")
    }
}

@Suite struct ShellLineTests {
    @Test("blank lines and comments run nothing; exit and quit leave; a leading arco word is dropped")
    func lines() {
        #expect(ShellSession.parse("   ") == .nothing)
        #expect(ShellSession.parse("  # a comment") == .nothing)
        #expect(ShellSession.parse("exit") == .leave)
        #expect(ShellSession.parse(" quit ") == .leave)
        #expect(ShellSession.parse("arco status --limit 1") == .command(["status", "--limit", "1"]))
        #expect(ShellSession.parse("asset show 'a b'") == .command(["asset", "show", "a b"]))
        #expect(ShellSession.parse("asset show 'a b") == .invalid("unterminated ' quote"))
    }
}
