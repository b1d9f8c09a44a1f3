// The default theme without its web fonts (keeps the fixture small).
import DefaultTheme from "vitepress/theme-without-fonts";

export default DefaultTheme;
