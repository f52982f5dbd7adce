/** Session record (being built). */
export default function SessionPage() {
  return <p>Session record</p>;
}
