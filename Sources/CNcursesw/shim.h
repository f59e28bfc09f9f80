#ifndef BNLAB_CNCURSESW_SHIM_H
#define BNLAB_CNCURSESW_SHIM_H
// ncursesw, the wide-character curses (Debian: libncursesw5-dev / libncurses-dev).
//
// The wide-character API (cchar_t, wget_wch, setcchar, wadd_wch) is only declared when these are
// defined before the header. Many curses names are macros or mutable globals, which Swift either
// does not import or (globals) refuses under strict concurrency; the static inline functions below
// expose them as plain functions. No logic lives here.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdint.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Globals.
static inline WINDOW *bnlab_stdscr(void) { return stdscr; }
static inline FILE *bnlab_stdout(void) { return stdout; }
static inline FILE *bnlab_stdin(void) { return stdin; }
static inline int bnlab_colors(void) { return COLORS; }
static inline int bnlab_color_pairs(void) { return COLOR_PAIRS; }

// Macros.
static inline int bnlab_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int bnlab_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline attr_t bnlab_a_normal(void) { return A_NORMAL; }
static inline attr_t bnlab_a_bold(void) { return A_BOLD; }
static inline attr_t bnlab_a_dim(void) { return A_DIM; }
static inline attr_t bnlab_a_reverse(void) { return A_REVERSE; }
static inline attr_t bnlab_a_underline(void) { return A_UNDERLINE; }
static inline int bnlab_err(void) { return ERR; }
static inline int bnlab_ok(void) { return OK; }
static inline int bnlab_key_code_yes(void) { return KEY_CODE_YES; }
static inline int bnlab_key_resize(void) { return KEY_RESIZE; }
static inline int bnlab_key_up(void) { return KEY_UP; }
static inline int bnlab_key_down(void) { return KEY_DOWN; }
static inline int bnlab_key_left(void) { return KEY_LEFT; }
static inline int bnlab_key_right(void) { return KEY_RIGHT; }
static inline int bnlab_key_home(void) { return KEY_HOME; }
static inline int bnlab_key_end(void) { return KEY_END; }
static inline int bnlab_key_ppage(void) { return KEY_PPAGE; }
static inline int bnlab_key_npage(void) { return KEY_NPAGE; }
static inline int bnlab_key_enter(void) { return KEY_ENTER; }
static inline int bnlab_key_backspace(void) { return KEY_BACKSPACE; }
static inline int bnlab_key_dc(void) { return KEY_DC; }
static inline int bnlab_key_btab(void) { return KEY_BTAB; }
static inline int bnlab_key_f0(void) { return KEY_F0; }

// One wide character with attributes and a color pair at (y, x): setcchar + mvwadd_wch.
static inline int bnlab_put_wch(WINDOW *w, int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, L'\0' };
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &cell);
}

// Whether the terminal named by TERM can move the cursor (terminfo `cup`), looked up without
// taking over the terminal: 1 yes, 0 no (e.g. TERM=dumb), -1 when TERM is not in terminfo.
static inline int bnlab_term_can_address_cursor(int fd) {
    int status = 0;
    TERMINAL *saved = cur_term;
    if (setupterm(NULL, fd, &status) != OK) return -1;
    TERMINAL *probe = cur_term;
    const char *cup = tigetstr("cup");
    int can = cup != NULL && cup != (const char *)-1;
    set_curterm(saved);
    del_curterm(probe);
    return can;
}

// The terminal's codeset under the current LC_CTYPE locale, e.g. "UTF-8" or "ANSI_X3.4-1968".
static inline const char *bnlab_codeset(void) { return nl_langinfo(CODESET); }
#endif
