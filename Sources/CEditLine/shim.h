// libedit's readline-compatible API for `arco shell` (linked as the system library `edit`).
//
// Swift 6 refuses to touch C global variables ("not concurrency-safe"), and libedit's readline
// layer is configured through globals, so each one the shell needs gets an accessor here.
// Only functions: a static variable in this header would be copied into every Swift file that
// uses it.
#include <stdio.h>
#include <editline/readline.h>

/// Installs the function libedit calls on TAB instead of its file-name completion.
static inline void arco_rl_set_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/// Tells libedit not to fall back to file names when the function found nothing.
static inline void arco_rl_set_completion_over(int over) {
    rl_attempted_completion_over = over;
}

/// The line being edited (valid during a completion callback).
static inline const char *arco_rl_line_buffer(void) {
    return rl_line_buffer;
}

/// Characters that end a word for completion: white space only, so `--workspace=dir` and asset
/// keys with `/` complete as one word.
static inline void arco_rl_set_word_breaks(const char *breaks) {
    rl_basic_word_break_characters = breaks;
    rl_completer_word_break_characters = (char *)breaks;
}

/// The name libedit reads `~/.editrc` settings under (`arco:bind ...`).
static inline void arco_rl_set_name(const char *name) {
    rl_readline_name = name;
}

/// Replaces how libedit reads a key (`rl_getc_function`; takes effect at `rl_initialize`).
static inline void arco_rl_set_getc(int (*function)(FILE *)) {
    rl_getc_function = function;
}
