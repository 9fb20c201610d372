/**
 * Day-5 presentations: the schedule of slots, teams' bookings and the running order on the day.
 *
 * | procedure      | who                                                             |
 * |----------------|-----------------------------------------------------------------|
 * | schedule       | everyone in the course; students once the schedule is published |
 * | runningOrder   | everyone; samples only of the viewer's own team (staff: all)     |
 * | book           | students in a team, while published and unlocked                |
 * | cancelBooking  | students in a team, while published and unlocked                |
 * | setSlidesLink  | students whose team has a slot                                   |
 * | advance        | instructor and TAs                                               |
 * | addSlots, deleteSlot, updateSchedule, moveInOrder | instructor                    |
 *
 * tests/integration/presentations-authorization.test.ts walks them all.
 */
import { createTRPCRouter } from "../../trpc";
import { addSlots } from "./add-slots";
import { advance } from "./advance";
import { book } from "./book";
import { cancelBooking } from "./cancel-booking";
import { deleteSlot } from "./delete-slot";
import { moveInOrder } from "./move-in-order";
import { runningOrder } from "./running-order";
import { schedule } from "./schedule";
import { setSlidesLink } from "./set-slides-link";
import { updateSchedule } from "./update-schedule";

export const presentationRouter = createTRPCRouter({
  schedule,
  addSlots,
  deleteSlot,
  updateSchedule,
  book,
  cancelBooking,
  setSlidesLink,
  runningOrder,
  advance,
  moveInOrder,
});
