// The default theme, and the rules that show a diagram's light or dark drawing with the site's toggle.
import DefaultTheme from "vitepress/theme-without-fonts";
import "archdiag/static.css";

export default DefaultTheme;
