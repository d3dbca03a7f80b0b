#include "CNcursesw.h"
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t pending_signal = 0;
static SCREEN *screen = NULL;

static void record_signal(int number) { pending_signal = number; }

// Bracketed paste: the terminal marks pasted text, so that it is never taken for keys.
static void bracketed_paste(int on) {
  const char *sequence = on ? "\033[?2004h" : "\033[?2004l";
  fflush(stdout);
  (void)!write(STDOUT_FILENO, sequence, strlen(sequence));
}

int CNcursesw_setup_locale(void) {
  setlocale(LC_ALL, "");
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

void CNcursesw_install_signal_flags(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGHUP, &action, NULL);
  sigaction(SIGINT, &action, NULL);
  // A parent may hand down a mask that blocks these (a test runner's worker thread does):
  // unblocked, they always reach the flag.
  sigset_t wanted;
  sigemptyset(&wanted);
  sigaddset(&wanted, SIGTERM);
  sigaddset(&wanted, SIGHUP);
  sigaddset(&wanted, SIGINT);
  sigaddset(&wanted, SIGWINCH);
  sigprocmask(SIG_UNBLOCK, &wanted, NULL);
}

int CNcursesw_take_signal(void) {
  int number = pending_signal;
  pending_signal = 0;
  return number;
}

int CNcursesw_start(int mouse) {
  screen = newterm(NULL, stdout, stdin);
  if (screen == NULL) return -1;
  set_term(screen);
  // A terminal that cannot put the cursor where it is asked (TERM=dumb) would garble a board.
  char *address = tigetstr("cup");
  if (address == NULL || address == (char *)-1) {
    endwin();
    delscreen(screen);
    screen = NULL;
    return -2;
  }
  raw();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  set_escdelay(25);
  curs_set(0);
  bracketed_paste(1);
  if (mouse) {
    // Presses and the wheel only, reported at once (no click timing to wait for).
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
  }
  if (has_colors()) {
    start_color();
    use_default_colors();
  }
  return 0;
}

void CNcursesw_end(void) {
  if (screen == NULL) return;
  curs_set(1);
  endwin();
  bracketed_paste(0);
  delscreen(screen);
  screen = NULL;
  fflush(stdout);
}

void CNcursesw_suspend(void) {
  if (screen == NULL) return;
  def_prog_mode();
  curs_set(1);
  endwin();
  bracketed_paste(0);
  // The default action stops; a handler ncurses may have put there would draw instead.
  struct sigaction stop, previous;
  memset(&stop, 0, sizeof stop);
  stop.sa_handler = SIG_DFL;
  sigemptyset(&stop.sa_mask);
  sigaction(SIGTSTP, &stop, &previous);
  kill(0, SIGTSTP);
  sigaction(SIGTSTP, &previous, NULL);
  // Continued (fg): back to the program's terminal modes; the caller repaints everything.
  reset_prog_mode();
  bracketed_paste(1);
  curs_set(0);
}

int CNcursesw_rows(void) { return getmaxy(stdscr); }
int CNcursesw_columns(void) { return getmaxx(stdscr); }
int CNcursesw_colors(void) { return has_colors() ? COLORS : 0; }

int CNcursesw_read_key(int timeout_ms, int32_t *code) {
  wint_t key = 0;
  wtimeout(stdscr, timeout_ms);
  int kind = wget_wch(stdscr, &key);
  *code = (int32_t)key;
  if (kind == OK) return CNcursesw_KEY_CHARACTER;
  if (kind == KEY_CODE_YES) return CNcursesw_KEY_FUNCTION;
  return CNcursesw_KEY_NONE;
}

int CNcursesw_pair(int foreground, int background) {
  int pair = alloc_pair(foreground, background);
  return pair < 0 ? 0 : pair;
}

void CNcursesw_draw(int row, int column, const wchar_t *text, int count, int pair,
                    int bold, int dim, int underline, int reverse) {
  attr_t attributes = A_NORMAL;
  if (bold) attributes |= A_BOLD;
  if (dim) attributes |= A_DIM;
  if (underline) attributes |= A_UNDERLINE;
  if (reverse) attributes |= A_REVERSE;
  attr_set(attributes, 0, &pair);
  mvaddnwstr(row, column, text, count);
}

void CNcursesw_present(int full) {
  if (full) clearok(curscr, TRUE);
  wnoutrefresh(stdscr);
  doupdate();
}

int CNcursesw_mouse(int *row, int *column) {
  MEVENT event;
  if (getmouse(&event) != OK) return 0;
  *row = event.y;
  *column = event.x;
  if (event.bstate & BUTTON1_PRESSED) return 1;
  if (event.bstate & BUTTON4_PRESSED) return 4;
  if (event.bstate & BUTTON5_PRESSED) return 5;
  return 0;
}

int CNcursesw_key_mouse(void) { return KEY_MOUSE; }

int CNcursesw_key_code_function(int n) { return KEY_F(n); }
int CNcursesw_key_resize(void) { return KEY_RESIZE; }
