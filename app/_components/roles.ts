export type CourseRoleName = "INSTRUCTOR" | "TA" | "STUDENT";

export function roleLabel(role: CourseRoleName): string {
  return { INSTRUCTOR: "Instructor", TA: "Teaching assistant", STUDENT: "Student" }[role];
}
