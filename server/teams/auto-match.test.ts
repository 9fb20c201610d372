import { describe, expect, it } from "vitest";
import { planAutoMatch } from "./auto-match";

const students = (count: number) => Array.from({ length: count }, (_, index) => `s${index + 1}`);

describe("planAutoMatch", () => {
  it("pairs students and leaves the odd one out when the course allows no extra member", () => {
    expect(planAutoMatch({ students: students(5), teams: [], teamSize: 2, allowExtraTeamMember: false })).toEqual({
      joins: [],
      newTeams: [["s1", "s2"], ["s3", "s4"]],
      leftOver: ["s5"],
    });
  });

  it("makes the odd one out a third member of a new pair when the course allows it", () => {
    expect(planAutoMatch({ students: students(5), teams: [], teamSize: 2, allowExtraTeamMember: true })).toEqual({
      joins: [],
      newTeams: [["s1", "s2", "s5"], ["s3", "s4"]],
      leftOver: [],
    });
  });

  it("fills teams that students started before making new ones", () => {
    const plan = planAutoMatch({ students: students(3), teams: [{ id: "solo", members: 1 }], teamSize: 2, allowExtraTeamMember: false });
    expect(plan).toEqual({ joins: [{ teamId: "solo", userIds: ["s1"] }], newTeams: [["s2", "s3"]], leftOver: [] });
  });

  it("puts an odd one out into an existing full team when no new team was made and extras are allowed", () => {
    const plan = planAutoMatch({ students: ["s1"], teams: [{ id: "pair", members: 2 }], teamSize: 2, allowExtraTeamMember: true });
    expect(plan).toEqual({ joins: [{ teamId: "pair", userIds: ["s1"] }], newTeams: [], leftOver: [] });
  });

  it("leaves a lone student unteamed when there is no team to join", () => {
    expect(planAutoMatch({ students: ["s1"], teams: [], teamSize: 2, allowExtraTeamMember: true }).leftOver).toEqual(["s1"]);
  });

  it("makes teams of the course's size", () => {
    const plan = planAutoMatch({ students: students(7), teams: [], teamSize: 3, allowExtraTeamMember: false });
    expect(plan.newTeams).toEqual([["s1", "s2", "s3"], ["s4", "s5", "s6"]]);
    expect(plan.leftOver).toEqual(["s7"]);
  });
});
