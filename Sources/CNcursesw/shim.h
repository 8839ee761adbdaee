// ncursesw for Swift. See ../shared/DESIGN.md "Known pitfalls":
// - NCURSES_WIDECHAR before the include, or get_wch and wint_t vanish (pkgConfig is left out
//   on purpose: SwiftPM drops its -D_XOPEN_SOURCE flags);
// - wcwidth is hidden by glibc without _XOPEN_SOURCE, so it is declared here;
// - Swift 6 rejects the global stdscr/LINES/COLS and does not import A_BOLD-style macros,
//   so each gets a tiny accessor.
#ifndef CHORUS_CNCURSESW_SHIM_H
#define CHORUS_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

extern int wcwidth(wchar_t c);

static inline WINDOW *chorus_stdscr(void) { return stdscr; }
static inline int chorus_lines(void) { return LINES; }
static inline int chorus_cols(void) { return COLS; }
static inline int chorus_colors(void) { return COLORS; }
static inline int chorus_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t chorus_a_normal(void) { return A_NORMAL; }
static inline attr_t chorus_a_bold(void) { return A_BOLD; }
static inline attr_t chorus_a_dim(void) { return A_DIM; }
static inline attr_t chorus_a_reverse(void) { return A_REVERSE; }
static inline attr_t chorus_a_underline(void) { return A_UNDERLINE; }
static inline attr_t chorus_a_italic(void) { return A_ITALIC; }
static inline int chorus_key_resize(void) { return KEY_RESIZE; }
static inline int chorus_err(void) { return ERR; }
#endif
