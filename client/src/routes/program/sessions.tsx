/** All sessions (being built). */
export default function ProgramSessions() {
  return <p>All sessions</p>;
}
