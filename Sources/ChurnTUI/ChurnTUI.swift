/// The ncurses front end.
public enum ChurnTUI {}
