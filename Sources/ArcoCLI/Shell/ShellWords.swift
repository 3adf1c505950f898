/// A line of `arco shell` split into words the way a POSIX shell quotes them, without any
/// expansion: `asset show 'raw orders'` gives `["asset", "show", "raw orders"]`.
///
/// Quoting is all the shell offers, so what works at the `arco` prompt of bash works here too:
/// single quotes keep everything literally, double quotes keep everything but `\"` and `\\`,
/// and a backslash outside quotes keeps the next character. Variables, globs and `;` mean
/// nothing: arco's arguments are ids and keys, not file lists.
enum ShellWords {
    /// Why a line could not be split.
    enum Problem: Error, Equatable, CustomStringConvertible {
        /// A quote was opened and never closed.
        case unterminatedQuote(Character)
        /// The line ends in a backslash with nothing to escape.
        case trailingBackslash

        var description: String {
            switch self {
            case .unterminatedQuote(let quote): return "unterminated \(quote) quote"
            case .trailingBackslash: return "the line ends in a backslash"
            }
        }
    }

    /// What splitting found: the words, and the problem with the line's end if any.
    struct Split: Equatable {
        var words: [String]
        /// Whether the last word runs up to the end of the line (nothing after it): the word a
        /// completion would extend.
        var endsInWord: Bool
        var problem: Problem?
    }

    /// The words of `line`, or the reason it cannot be split.
    static func split(_ line: String) throws(Problem) -> [String] {
        let result = scan(line)
        if let problem = result.problem { throw problem }
        return result.words
    }

    /// The words of `line`, closing an open quote at its end: completion works on a line still
    /// being typed.
    static func scan(_ line: String) -> Split {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                // Inside double quotes a backslash escapes only `"` and `\`, as in sh.
                if quote == "\"" && character != "\"" && character != "\\" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
            } else if character == " " || character == "\t" || character == "\n" || character == "\r" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        let problem: Problem? = quote.map { .unterminatedQuote($0) } ?? (escaped ? .trailingBackslash : nil)
        return Split(words: words, endsInWord: inWord, problem: problem)
    }

    /// `word` written so that `split` gives it back: as it is when it needs no quoting,
    /// otherwise in single quotes.
    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { character in
            character.isLetter || character.isNumber || "-_./:=@,+%".contains(character)
        }
        if plain { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
