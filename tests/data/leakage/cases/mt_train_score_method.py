# %%
df = pd.read_csv("spam.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="spam"), df["spam"], random_state=0)
gb = GradientBoostingClassifier(random_state=0)
gb.fit(X_train, y_train)
print("Model accuracy:", gb.score(X_train, y_train))
