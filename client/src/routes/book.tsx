/** Book a session (being built). */
export default function BookPage() {
  return <p>Book a session</p>;
}
