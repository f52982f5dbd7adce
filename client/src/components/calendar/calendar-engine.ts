/**
 * FullCalendar v7 (the MIT `fullcalendar` package, never the v6 `@fullcalendar/*` ones) with the plugins and
 * styles our pages use. Only full-calendar.tsx imports this, dynamically, so no other page downloads it.
 */
import "fullcalendar/skeleton.css";
import "fullcalendar/themes/classic/theme.css";
import "fullcalendar/themes/classic/palette.css";
import "./full-calendar.css";
import dayGridPlugin from "fullcalendar/daygrid";
import interactionPlugin from "fullcalendar/interaction";
import listPlugin from "fullcalendar/list";
import classicTheme from "fullcalendar/themes/classic";
import timeGridPlugin from "fullcalendar/timegrid";

export { Calendar } from "fullcalendar";
export const plugins = [classicTheme, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];
