#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

extern int wcwidth(wchar_t);

/// Only wrappers for what Swift cannot call directly (macros, globals) live here.
static inline int churn_lines(void) { return LINES; }
static inline int churn_cols(void) { return COLS; }
static inline int churn_colors(void) { return COLORS; }
static inline WINDOW *churn_stdscr(void) { return stdscr; }
static inline void churn_set_escdelay(int ms) { set_escdelay(ms); }
static inline attr_t churn_a_bold(void) { return A_BOLD; }
static inline attr_t churn_a_reverse(void) { return A_REVERSE; }
static inline attr_t churn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t churn_a_dim(void) { return A_DIM; }
static inline attr_t churn_a_normal(void) { return A_NORMAL; }
static inline int churn_key_f(int n) { return KEY_F(n); }
static inline mmask_t churn_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t churn_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline mmask_t churn_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t churn_wheel_down(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}
#endif
