# %%
df = pd.read_csv("houses.csv")
y = (df["price"] > df["price"].median()).astype(int)
X_train, X_test, y_train, y_test = train_test_split(df[["sqft", "rooms"]], y, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
