/// Text from the ledger made safe to print in one line of a table or message.
///
/// Old ledgers may hold values that arco refuses today (a run key with a newline, recorded before
/// run keys were checked), and step reasons come from the outside world; printed raw, a newline
/// splits a table row in two and a C1 control can move the cursor. Control characters (C0, DEL,
/// C1) are written as `\u{XX}`, the spelling error messages already use.
public enum PrintableText {
    /// `text` with every control character written as `\u{XX}`.
    public static func escapingControlCharacters(_ text: String) -> String {
        guard NameRules.containsControlCharacter(text) else { return text }
        return NameRules.printable(text)
    }
}
