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
static inline int chorus_ok(void) { return OK; }
static inline int chorus_key_code_yes(void) { return KEY_CODE_YES; }
static inline int chorus_key_up(void) { return KEY_UP; }
static inline int chorus_key_down(void) { return KEY_DOWN; }
static inline int chorus_key_left(void) { return KEY_LEFT; }
static inline int chorus_key_right(void) { return KEY_RIGHT; }
static inline int chorus_key_btab(void) { return KEY_BTAB; }
static inline int chorus_key_ppage(void) { return KEY_PPAGE; }
static inline int chorus_key_npage(void) { return KEY_NPAGE; }
static inline int chorus_key_home(void) { return KEY_HOME; }
static inline int chorus_key_end(void) { return KEY_END; }
static inline int chorus_key_enter(void) { return KEY_ENTER; }
static inline int chorus_key_backspace(void) { return KEY_BACKSPACE; }
static inline int chorus_key_max(void) { return KEY_MAX; }

/* One cell: up to CCHARW_MAX wide characters (a spacing one, then combining ones), attributes
   and a colour pair. Wrapped so Swift need not build the NUL-terminated array itself. */
static inline int chorus_put_cell(WINDOW *win, int y, int x, const wchar_t *chars, int count, attr_t attrs, int pair) {
    wchar_t buffer[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buffer[i] = chars[i];
    buffer[n] = 0;
    cchar_t cell;
    if (setcchar(&cell, buffer, attrs, (short)pair, NULL) != OK) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}
#endif
