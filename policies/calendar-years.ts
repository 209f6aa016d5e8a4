// The official calendar's years, as published data (policies/calendar/holidays-<year>.json, written by
// scripts/calendar-data.ts). Adding a year: generate its file and add one line below.
import type { CalendarYear } from './calendar';
import y2004 from './calendar/holidays-2004.json';
import y2005 from './calendar/holidays-2005.json';
import y2006 from './calendar/holidays-2006.json';
import y2007 from './calendar/holidays-2007.json';
import y2008 from './calendar/holidays-2008.json';
import y2009 from './calendar/holidays-2009.json';
import y2010 from './calendar/holidays-2010.json';
import y2011 from './calendar/holidays-2011.json';
import y2012 from './calendar/holidays-2012.json';
import y2013 from './calendar/holidays-2013.json';
import y2014 from './calendar/holidays-2014.json';
import y2015 from './calendar/holidays-2015.json';
import y2016 from './calendar/holidays-2016.json';
import y2017 from './calendar/holidays-2017.json';
import y2018 from './calendar/holidays-2018.json';
import y2019 from './calendar/holidays-2019.json';
import y2020 from './calendar/holidays-2020.json';
import y2021 from './calendar/holidays-2021.json';
import y2022 from './calendar/holidays-2022.json';
import y2023 from './calendar/holidays-2023.json';
import y2024 from './calendar/holidays-2024.json';
import y2025 from './calendar/holidays-2025.json';
import y2026 from './calendar/holidays-2026.json';

export const CALENDAR_YEARS: readonly CalendarYear[] = [
  y2004,
  y2005,
  y2006,
  y2007,
  y2008,
  y2009,
  y2010,
  y2011,
  y2012,
  y2013,
  y2014,
  y2015,
  y2016,
  y2017,
  y2018,
  y2019,
  y2020,
  y2021,
  y2022,
  y2023,
  y2024,
  y2025,
  y2026,
];
