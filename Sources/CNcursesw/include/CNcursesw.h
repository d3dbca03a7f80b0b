// CNcursesw: the small C layer between Swift and ncursesw.
//
// Why it exists: Swift 6 cannot import ncurses' lvalue macros (getmaxyx), its attribute
// constants (A_BOLD), or its C globals (stdscr, COLORS) as concurrency-safe values, and the
// wide-character API needs _XOPEN_SOURCE_EXTENDED defined before <curses.h>, which SwiftPM's
// pkg-config handling drops. The functions are coarse verbs (start, read a key, draw a cell,
// present), so that every ncurses call and global stays on this side of the boundary.
#ifndef CNCURSESW_H
#define CNCURSESW_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>
#include <stdint.h>
#include <wchar.h>

/// What CNcursesw_read_key found.
enum CNcursesw_KeyKind {
  CNcursesw_KEY_NONE = -1,
  CNcursesw_KEY_CHARACTER = 0,
  CNcursesw_KEY_FUNCTION = 1,
};

/// setlocale(LC_ALL, "") and whether the character set is UTF-8.
int CNcursesw_setup_locale(void);

/// Installs SIGTERM, SIGHUP and SIGINT handlers that only record the signal. Call before start.
void CNcursesw_install_signal_flags(void);
/// The last signal recorded, or 0; reading clears it.
int CNcursesw_take_signal(void);

/// Starts curses on the terminal (newterm on stdin/stdout). Returns 0 on success, -1 when the
/// terminal type is unknown, -2 when it cannot address the cursor.
int CNcursesw_start(int mouse);
/// Restores the terminal (endwin). Safe to call twice.
void CNcursesw_end(void);
/// Job control by hand (raw mode reads Ctrl-Z as a key): gives the terminal back, stops the
/// process group as the shell's Ctrl-Z would, and takes the terminal again once continued.
void CNcursesw_suspend(void);

int CNcursesw_rows(void);
int CNcursesw_columns(void);
/// How many colours the terminal has (0 when it has none).
int CNcursesw_colors(void);

/// Waits up to `timeout_ms` for a key. Returns CNcursesw_KEY_NONE, _CHARACTER (a Unicode
/// scalar in *code) or _FUNCTION (an ncurses KEY_* code in *code).
int CNcursesw_read_key(int timeout_ms, int32_t *code);

/// A colour pair for foreground and background (-1: the terminal's default), or 0.
int CNcursesw_pair(int foreground, int background);

/// Draws `count` wide characters at (row, column) with a pair and attributes.
void CNcursesw_draw(int row, int column, const wchar_t *text, int count, int pair,
                    int bold, int dim, int underline, int reverse);

/// Pushes what was drawn to the screen; `full` repaints everything (after a resize).
void CNcursesw_present(int full);

/// What the mouse did, after a KEY_MOUSE: 1 a press of the first button, 4 the wheel up, 5
/// the wheel down, 0 anything else; the cell in *row and *column.
int CNcursesw_mouse(int *row, int *column);
int CNcursesw_key_mouse(void);

/// ncurses' key codes, which Swift cannot import through the KEY_F(n) macro family.
int CNcursesw_key_code_function(int n);
int CNcursesw_key_resize(void);

#endif
