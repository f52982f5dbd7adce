/** Office hours (being built). */
export default function ProgramOfficeHours() {
  return <p>Office hours</p>;
}
